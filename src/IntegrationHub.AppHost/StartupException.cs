namespace IntegrationHub.AppHost;

/// <summary>A start-up failure whose message is complete for the developer: printed as is, without a stack trace.</summary>
public sealed class StartupException(string message) : Exception(message);
