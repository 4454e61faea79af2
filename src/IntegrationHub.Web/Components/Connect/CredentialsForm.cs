using IntegrationHub.Web.Api;

namespace IntegrationHub.Web.Components.Connect;

/// <summary>Typed-in credentials for API-key, basic-auth and client-credentials providers; which fields are asked for follows the auth kind.</summary>
public sealed class CredentialsForm(string authKind)
{
    public string AuthKind { get; } = authKind;
    public string? ApiKey { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>The fields this auth kind needs: (field, label).</summary>
    public IReadOnlyList<(string Field, string Label, bool Secret)> Fields => AuthKind switch
    {
        "ApiKey" => [("apiKey", "API key", true)],
        "Basic" => [("username", "Username", false), ("password", "Password", true)],
        "OAuth2ClientCredentials" => [("clientId", "Client ID", false), ("clientSecret", "Client secret", true)],
        _ => [],
    };

    public string? Get(string field) => field switch
    {
        "apiKey" => ApiKey, "username" => Username, "password" => Password, "clientId" => ClientId, "clientSecret" => ClientSecret, _ => null,
    };

    public void Set(string field, string? value)
    {
        switch (field)
        {
            case "apiKey": ApiKey = value; break;
            case "username": Username = value; break;
            case "password": Password = value; break;
            case "clientId": ClientId = value; break;
            case "clientSecret": ClientSecret = value; break;
        }
    }

    /// <summary>Field → message; the Api checks the same rules and then verifies the credential with a test call.</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        foreach (var (field, label, _) in Fields)
        {
            var value = Get(field);
            if (string.IsNullOrWhiteSpace(value)) errors[field] = $"{label} is required.";
            else if (value.Length > MaxLength(field)) errors[field] = $"{label} is longer than {MaxLength(field)} characters.";
        }
        return errors;
    }

    private static int MaxLength(string field) => field switch { "apiKey" or "clientSecret" => 2000, "username" => 200, _ => 500 };

    /// <summary>Only the fields of this auth kind are sent, trimmed of accidental whitespace from copy and paste.</summary>
    public StaticCredentials ToRequest()
    {
        string? Pick(string field) => Fields.Any(f => f.Field == field) ? Get(field)?.Trim() : null;
        return new StaticCredentials(Pick("apiKey"), Pick("username"), Pick("password"), Pick("clientId"), Pick("clientSecret"));
    }
}
