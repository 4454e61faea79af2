using System.Net;
using System.Text.RegularExpressions;

namespace IntegrationHub.Api.Tests;

/// <summary>Does what a person does on the provider's consent page: opens it, ticks companies, presses a button.</summary>
public static partial class ConsentDriver
{
    private static readonly HttpClient Browser = new(new HttpClientHandler { AllowAutoRedirect = false });

    /// <returns>The redirect back to the hub (the callback URL with code, state and realmId).</returns>
    public static async Task<string> ConsentAsync(string authorizeUrl, bool allow = true, Func<IReadOnlyList<string>, IEnumerable<string>>? chooseTenants = null)
    {
        var page = await Browser.GetStringAsync(authorizeUrl);
        var action = new Uri(new Uri(authorizeUrl), WebUtility.HtmlDecode(FormAction().Match(page).Groups[1].Value));
        var fields = HiddenInput().Matches(page).Select(m => KeyValuePair.Create(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        var tenants = TenantInput().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        fields.AddRange((chooseTenants?.Invoke(tenants) ?? tenants.Take(1)).Select(t => KeyValuePair.Create("tenant", t)));
        fields.Add(KeyValuePair.Create("decision", allow ? "allow" : "deny"));
        using var response = await Browser.PostAsync(action, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("name=\"tenant\" id=\"tenant-\\d+\" value=\"([^\"]+)\"")]
    private static partial Regex TenantInput();
}
