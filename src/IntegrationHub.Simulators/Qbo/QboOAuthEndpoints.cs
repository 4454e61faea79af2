using System.Text.Json.Nodes;
using IntegrationHub.Simulators.OAuth;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Qbo;

/// <summary>Intuit's OAuth 2.0: appcenter consent page, bearer token endpoint (HTTP Basic), revoke, discovery document.</summary>
public static class QboOAuthEndpoints
{
    public const string AuthorizePath = "/qbo/connect/oauth2";
    public const string TokenPath = "/qbo/oauth2/v1/tokens/bearer";
    public const string RevokePath = "/qbo/oauth2/v1/tokens/revoke";

    public static void MapQboOAuth(this IEndpointRouteBuilder app)
    {
        app.MapGet(AuthorizePath, (HttpRequest request, AppRegistry apps, QboStore store) =>
        {
            var q = request.Query;
            var client = apps.Find(Vendor.Qbo, q["client_id"]);
            if (client is null) return ConsentPage.Error("Unknown client_id");
            if (!RedirectUris.Allowed(client, q["redirect_uri"])) return ConsentPage.Error("redirect_uri is not registered for this app");
            if (q["response_type"] != "code") return Results.Redirect(ConsentPage.AppendQuery(q["redirect_uri"]!, ("error", "unsupported_response_type"), ("state", q["state"])));
            var hidden = new Dictionary<string, string?>
            {
                ["client_id"] = q["client_id"], ["redirect_uri"] = q["redirect_uri"], ["scope"] = q["scope"], ["state"] = q["state"],
                ["code_challenge"] = q["code_challenge"], ["code_challenge_method"] = q["code_challenge_method"],
            };
            var companies = store.All.Select(c => new ConsentPage.Choice(c.RealmId, $"{c.Name} (realm {c.RealmId})")).ToList();
            return ConsentPage.Render("QuickBooks Online", AuthorizePath + "/consent", hidden, companies, multiple: false, client.ClientId);
        });

        app.MapPost(AuthorizePath + "/consent", async (HttpRequest request, AppRegistry apps, QboStore store, [FromKeyedServices(Vendor.Qbo)] TokenService tokens) =>
        {
            var form = await request.ReadFormAsync();
            var client = apps.Find(Vendor.Qbo, form["client_id"]);
            var redirect = form["redirect_uri"].ToString();
            if (client is null || !RedirectUris.Allowed(client, redirect)) return ConsentPage.Error("Unknown client or redirect_uri");
            if (form["decision"] != "allow") return Results.Redirect(ConsentPage.AppendQuery(redirect, ("error", "access_denied"), ("state", form["state"])));
            var realm = form["tenant"].ToString();
            if (store.Find(realm) is null) return ConsentPage.Error("Choose a company");
            var code = tokens.IssueCode(client.ClientId, redirect, form["scope"].ToString(), [realm],
                Empty(form["code_challenge"]), Empty(form["code_challenge_method"]) ?? (Empty(form["code_challenge"]) is null ? null : "plain"));
            return Results.Redirect(ConsentPage.AppendQuery(redirect, ("code", code), ("state", Empty(form["state"])), ("realmId", realm)));
        }).DisableAntiforgery();

        app.MapPost(TokenPath, (HttpContext ctx, AppRegistry apps, [FromKeyedServices(Vendor.Qbo)] TokenService tokens) =>
            TokenEndpoint.Token(ctx, Vendor.Qbo, tokens, apps, Shape, refreshNeedsOfflineAccess: false));

        app.MapPost(RevokePath, (HttpContext ctx, AppRegistry apps, [FromKeyedServices(Vendor.Qbo)] TokenService tokens) =>
            TokenEndpoint.Revoke(ctx, Vendor.Qbo, tokens, apps));

        app.MapGet("/qbo/.well-known/openid_configuration", (PublicUrl url) => Results.Json(new JsonObject
        {
            ["issuer"] = url.Base + "/qbo/op/v1",
            ["authorization_endpoint"] = url.Base + AuthorizePath,
            ["token_endpoint"] = url.Base + TokenPath,
            ["revocation_endpoint"] = url.Base + RevokePath,
            ["response_types_supported"] = new JsonArray("code"),
            ["grant_types_supported"] = new JsonArray("authorization_code", "refresh_token"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_basic", "client_secret_post"),
            ["code_challenge_methods_supported"] = new JsonArray("S256", "plain"),
        }));
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static JsonObject Shape(TokenResponse t) => new()
    {
        ["token_type"] = "bearer",
        ["expires_in"] = (long)t.AccessLifetime.TotalSeconds,
        ["refresh_token"] = t.RefreshToken,
        ["x_refresh_token_expires_in"] = (long)t.RefreshLifetime.TotalSeconds,
        ["access_token"] = t.AccessToken,
    };
}
