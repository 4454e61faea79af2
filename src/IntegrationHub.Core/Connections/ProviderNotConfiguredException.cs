namespace IntegrationHub.Core.Connections;

/// <summary>The hub has no app credentials for a provider environment: an operator must set them before tenants can connect.</summary>
public sealed class ProviderNotConfiguredException(string message) : Exception(message);
