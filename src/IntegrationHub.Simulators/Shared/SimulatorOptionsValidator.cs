using Microsoft.Extensions.Options;

namespace IntegrationHub.Simulators.Shared;

/// <summary>Checks what data annotations cannot: positive lifetimes and usable app registrations.</summary>
public sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        var errors = new List<string>();
        foreach (var (vendor, v) in new[] { ("Qbo", options.Qbo), ("Xero", options.Xero) })
        {
            if (v.AccessTokenLifetime <= TimeSpan.Zero) errors.Add($"Simulators:{vendor}:AccessTokenLifetime must be positive");
            if (v.RefreshTokenLifetime <= TimeSpan.Zero) errors.Add($"Simulators:{vendor}:RefreshTokenLifetime must be positive");
            errors.AddRange(v.Apps.Where(a => string.IsNullOrWhiteSpace(a.ClientId)).Select(_ => $"Simulators:{vendor}:Apps needs a ClientId on every app"));
        }
        if (options.PublicBaseUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            errors.Add("Simulators:PublicBaseUrl must be an absolute URL");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
