using IntegrationHub.Core.Webhooks.Inbound;
using IntegrationHub.Core.Webhooks.Outbound;

namespace IntegrationHub.SyncWorker.Workers;

/// <summary>A batch processor's loop: batch after batch while there is work, then a short idle poll.</summary>
public abstract class BatchWorker(ILogger logger, TimeSpan idlePoll) : BackgroundService
{
    protected abstract Task<int> RunBatchAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunBatchAsync(stoppingToken) > 0) continue;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "{Worker} batch failed", GetType().Name);
            }
            try
            {
                await Task.Delay(idlePoll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>Provider webhooks in the inbox → incremental sync requests.</summary>
public sealed class InboxWorker(InboxProcessor processor, ILogger<InboxWorker> logger) : BatchWorker(logger, TimeSpan.FromSeconds(1))
{
    protected override Task<int> RunBatchAsync(CancellationToken ct) => processor.ProcessBatchAsync(ct);
}

/// <summary>Outbox events → webhook messages per matching endpoint.</summary>
public sealed class WebhookFanoutWorker(WebhookFanout fanout, ILogger<WebhookFanoutWorker> logger) : BatchWorker(logger, TimeSpan.FromMilliseconds(200))
{
    protected override Task<int> RunBatchAsync(CancellationToken ct) => fanout.FanOutBatchAsync(ct);
}

/// <summary>Due webhook messages → signed HTTP deliveries.</summary>
public sealed class WebhookDeliveryWorker(WebhookDelivery delivery, ILogger<WebhookDeliveryWorker> logger) : BatchWorker(logger, TimeSpan.FromMilliseconds(200))
{
    protected override Task<int> RunBatchAsync(CancellationToken ct) => delivery.DeliverBatchAsync(ct);
}
