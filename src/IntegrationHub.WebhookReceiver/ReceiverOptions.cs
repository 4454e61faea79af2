namespace IntegrationHub.WebhookReceiver;

/// <summary>Webhooks:MaxBodyBytes (default 1 MiB): larger bodies are refused with 413 before they are read whole.</summary>
public sealed class ReceiverOptions
{
    public const int DefaultMaxBodyBytes = 1024 * 1024;
    public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;
}
