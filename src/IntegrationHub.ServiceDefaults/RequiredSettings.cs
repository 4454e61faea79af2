using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>Fails fast at start with a message that names the missing key, instead of a late NullReferenceException.</summary>
public static class RequiredSettings
{
    public static string RequireConnectionString(this IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Missing required setting 'ConnectionStrings:{name}' (environment variable ConnectionStrings__{name}). " +
                "Start the stack with ./hub up, or set it yourself.");
}
