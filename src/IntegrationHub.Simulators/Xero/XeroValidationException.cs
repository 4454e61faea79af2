namespace IntegrationHub.Simulators.Xero;

/// <summary>One or more Xero validation messages for a single element.</summary>
public sealed class XeroValidationException(params string[] messages) : Exception(string.Join("; ", messages))
{
    public IReadOnlyList<string> Messages { get; } = messages;
}

/// <summary>An id in the URL that does not exist: Xero answers 404.</summary>
public sealed class XeroNotFoundException() : Exception("The resource you're looking for cannot be found");
