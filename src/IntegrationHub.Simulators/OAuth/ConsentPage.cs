using System.Net;
using System.Text;

namespace IntegrationHub.Simulators.OAuth;

/// <summary>A plain HTML consent form that a person or Playwright can submit (buttons consent-allow / consent-deny).</summary>
public static class ConsentPage
{
    public sealed record Choice(string Value, string Label);

    public static IResult Render(string vendorName, string action, IReadOnlyDictionary<string, string?> hidden,
        IReadOnlyList<Choice> tenants, bool multiple, string appName)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
            .Append(E(vendorName)).Append(" – authorise</title></head><body>")
            .Append("<h1>").Append(E(appName)).Append(" wants to connect to ").Append(E(vendorName)).Append("</h1>")
            .Append("<form method=\"post\" action=\"").Append(E(action)).Append("\" id=\"consent-form\">");
        foreach (var (name, value) in hidden)
        {
            if (value is null) continue;
            html.Append("<input type=\"hidden\" name=\"").Append(E(name)).Append("\" value=\"").Append(E(value)).Append("\">");
        }
        html.Append("<fieldset><legend>").Append(multiple ? "Organisations to grant" : "Company").Append("</legend>");
        for (var i = 0; i < tenants.Count; i++)
        {
            var type = multiple ? "checkbox" : "radio";
            html.Append("<label><input type=\"").Append(type).Append("\" name=\"tenant\" id=\"tenant-").Append(i)
                .Append("\" value=\"").Append(E(tenants[i].Value)).Append('"').Append(multiple || i == 0 ? " checked" : "")
                .Append("> ").Append(E(tenants[i].Label)).Append("</label><br>");
        }
        html.Append("</fieldset>")
            .Append("<button type=\"submit\" name=\"decision\" value=\"allow\" id=\"consent-allow\">Allow access</button> ")
            .Append("<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"consent-deny\">Cancel</button>")
            .Append("</form></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    public static IResult Error(string message) =>
        Results.Content($"<!DOCTYPE html><html><body><h1>Authorisation error</h1><p id=\"error\">{E(message)}</p></body></html>",
            "text/html; charset=utf-8", statusCode: 400);

    public static string AppendQuery(string uri, params (string Key, string? Value)[] parameters)
    {
        var sb = new StringBuilder(uri);
        var separator = uri.Contains('?') ? '&' : '?';
        foreach (var (key, value) in parameters)
        {
            if (value is null) continue;
            sb.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }
        return sb.ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
