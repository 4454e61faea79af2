using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.OAuth;

/// <summary>The token and revocation endpoints, shared by both vendors (they differ only in response fields and policy).</summary>
public static class TokenEndpoint
{
    public static async Task<IResult> Token(HttpContext ctx, Vendor vendor, TokenService tokens, AppRegistry apps,
        Func<TokenResponse, JsonObject> shape, bool refreshNeedsOfflineAccess)
    {
        try
        {
            if (!ctx.Request.HasFormContentType) throw new OAuthException("invalid_request");
            var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
            var app = ClientAuthentication.Authenticate(ctx.Request, form, apps, vendor, allowPublic: vendor == Vendor.Xero);
            TokenResponse issued = form["grant_type"].ToString() switch
            {
                "authorization_code" => tokens.RedeemCode(Required(form, "code"), app.ClientId, form["redirect_uri"].ToString() is { Length: > 0 } r ? r : null,
                    form["code_verifier"].ToString() is { Length: > 0 } v ? v : null),
                "refresh_token" => tokens.Refresh(Required(form, "refresh_token"), app.ClientId),
                "" => throw new OAuthException("invalid_request"),
                _ => throw new OAuthException("unsupported_grant_type"),
            };
            var body = shape(issued);
            if (refreshNeedsOfflineAccess && !issued.Grant.Scope.Split(' ').Contains("offline_access")) body.Remove("refresh_token");
            ctx.Response.Headers.CacheControl = "no-store";
            return Results.Content(body.ToJsonString(SimJson.Options), "application/json", System.Text.Encoding.UTF8, 200);
        }
        catch (OAuthException e)
        {
            return Error(ctx, e);
        }
    }

    public static async Task<IResult> Revoke(HttpContext ctx, Vendor vendor, TokenService tokens, AppRegistry apps)
    {
        try
        {
            string? token;
            IFormCollection form = FormCollection.Empty;
            if (ctx.Request.HasFormContentType)
            {
                form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
                token = form["token"].ToString();
            }
            else
            {
                // QBO's revoke endpoint takes a JSON body {"token": "..."}.
                var json = await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted) as JsonObject;
                token = json?.Str("token");
            }
            var app = ClientAuthentication.Authenticate(ctx.Request, form, apps, vendor, allowPublic: vendor == Vendor.Xero);
            if (string.IsNullOrEmpty(token)) throw new OAuthException("invalid_request");
            // RFC 7009: an unknown token is not an error.
            tokens.Revoke(token, app.ClientId);
            return Results.Ok();
        }
        catch (OAuthException e)
        {
            return Error(ctx, e);
        }
        catch (System.Text.Json.JsonException)
        {
            return Error(ctx, new OAuthException("invalid_request"));
        }
    }

    public static IResult Error(HttpContext ctx, OAuthException e)
    {
        if (e.Status == 401) ctx.Response.Headers.WWWAuthenticate = "Basic realm=\"oauth\"";
        var body = new JsonObject { ["error"] = e.Error };
        if (e.Description is not null) body["error_description"] = e.Description;
        return Results.Content(body.ToJsonString(SimJson.Options), "application/json", System.Text.Encoding.UTF8, e.Status);
    }

    private static string Required(IFormCollection form, string name) =>
        form[name].ToString() is { Length: > 0 } value ? value : throw new OAuthException("invalid_request", 400, $"{name} is required");
}
