using IntegrationHub.Simulators.Shared;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.OAuth;

namespace IntegrationHub.Simulators.Xero;

/// <summary>Xero identity: consent page with organisation choice, token (Basic or PKCE), revocation, /connections.</summary>
public static class XeroOAuthEndpoints
{
    public const string AuthorizePath = "/xero/identity/connect/authorize";
    public const string TokenPath = "/xero/connect/token";
    public const string RevocationPath = "/xero/connect/revocation";
    public const string ConnectionsPath = "/xero/connections";

    public static void MapXeroOAuth(this IEndpointRouteBuilder app)
    {
        app.MapGet(AuthorizePath, (HttpRequest request, AppRegistry apps, XeroStore store) =>
        {
            var q = request.Query;
            var client = apps.Find(Vendor.Xero, q["client_id"]);
            if (client is null) return ConsentPage.Error("Unknown client_id");
            if (!RedirectUris.Allowed(client, q["redirect_uri"])) return ConsentPage.Error("Invalid redirect_uri");
            if (q["response_type"] != "code") return Results.Redirect(ConsentPage.AppendQuery(q["redirect_uri"]!, ("error", "unsupported_response_type"), ("state", q["state"])));
            var hidden = new Dictionary<string, string?>
            {
                ["client_id"] = q["client_id"], ["redirect_uri"] = q["redirect_uri"], ["scope"] = q["scope"], ["state"] = q["state"],
                ["code_challenge"] = q["code_challenge"], ["code_challenge_method"] = q["code_challenge_method"],
            };
            var orgs = store.All.Select(o => new ConsentPage.Choice(o.TenantId, o.Name)).ToList();
            return ConsentPage.Render("Xero", AuthorizePath + "/consent", hidden, orgs, multiple: true, client.ClientId);
        });

        app.MapPost(AuthorizePath + "/consent", async (HttpRequest request, AppRegistry apps, XeroStore store, [FromKeyedServices(Vendor.Xero)] TokenService tokens) =>
        {
            var form = await request.ReadFormAsync();
            var client = apps.Find(Vendor.Xero, form["client_id"]);
            var redirect = form["redirect_uri"].ToString();
            if (client is null || !RedirectUris.Allowed(client, redirect)) return ConsentPage.Error("Unknown client or redirect_uri");
            var state = Empty(form["state"]);
            if (form["decision"] != "allow") return Results.Redirect(ConsentPage.AppendQuery(redirect, ("error", "access_denied"), ("state", state)));
            var tenants = form["tenant"].Where(t => t is not null && store.Find(t) is not null).Select(t => t!).ToList();
            if (tenants.Count == 0) return ConsentPage.Error("Choose at least one organisation");
            var challenge = Empty(form["code_challenge"]);
            var code = tokens.IssueCode(client.ClientId, redirect, form["scope"].ToString(), tenants, challenge,
                Empty(form["code_challenge_method"]) ?? (challenge is null ? null : "plain"));
            return Results.Redirect(ConsentPage.AppendQuery(redirect, ("code", code), ("scope", Empty(form["scope"])), ("state", state)));
        }).DisableAntiforgery();

        app.MapPost(TokenPath, (HttpContext ctx, AppRegistry apps, [FromKeyedServices(Vendor.Xero)] TokenService tokens) =>
            TokenEndpoint.Token(ctx, Vendor.Xero, tokens, apps, Shape, refreshNeedsOfflineAccess: true));

        app.MapPost(RevocationPath, (HttpContext ctx, AppRegistry apps, [FromKeyedServices(Vendor.Xero)] TokenService tokens) =>
            TokenEndpoint.Revoke(ctx, Vendor.Xero, tokens, apps));

        app.MapGet(ConnectionsPath, async (HttpContext ctx, XeroStore store, [FromKeyedServices(Vendor.Xero)] TokenService tokens) =>
        {
            if (Grant(ctx, tokens) is not { } grant) { await XeroProblems.Unauthorized(ctx); return Results.Empty; }
            var list = new JsonArray();
            foreach (var tenant in grant.Tenants)
            {
                var org = store.Find(tenant);
                list.Add(new JsonObject
                {
                    ["id"] = grant.ConnectionIds[tenant].ToString(),
                    ["authEventId"] = grant.AuthEventId.ToString(),
                    ["tenantId"] = tenant,
                    ["tenantType"] = "ORGANISATION",
                    ["tenantName"] = org?.Name,
                    ["createdDateUtc"] = XeroDates.UtcString(grant.Created).Replace("Z", ".0000000", StringComparison.Ordinal),
                    ["updatedDateUtc"] = XeroDates.UtcString(grant.Created).Replace("Z", ".0000000", StringComparison.Ordinal),
                });
            }
            return Results.Content(list.ToJsonString(SimJson.Options), "application/json", System.Text.Encoding.UTF8, 200);
        });

        app.MapDelete(ConnectionsPath + "/{id}", async (string id, HttpContext ctx, [FromKeyedServices(Vendor.Xero)] TokenService tokens) =>
        {
            if (Grant(ctx, tokens) is not { } grant) { await XeroProblems.Unauthorized(ctx); return Results.Empty; }
            var tenant = grant.ConnectionIds.FirstOrDefault(p => p.Value.ToString() == id).Key;
            if (tenant is null) return Results.NotFound();
            tokens.Disconnect(grant, tenant);
            return Results.NoContent();
        });
    }

    private static Grant? Grant(HttpContext ctx, TokenService tokens) =>
        ClientAuthentication.Bearer(ctx.Request) is { } token ? tokens.Validate(token) : null;

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static JsonObject Shape(TokenResponse t) => new()
    {
        ["access_token"] = t.AccessToken,
        ["expires_in"] = (long)t.AccessLifetime.TotalSeconds,
        ["token_type"] = "Bearer",
        ["refresh_token"] = t.RefreshToken,
        ["scope"] = t.Grant.Scope,
    };
}
