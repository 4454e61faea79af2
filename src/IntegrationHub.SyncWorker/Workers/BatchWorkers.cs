using IntegrationHub.Core.Webhooks.Inbound;
using IntegrationHub.Core.Webhooks.Outbound;
using Microsoft.Extensions.Options;

namespace IntegrationHub.SyncWorker.Workers;

/// <summary>A batch processor's loop (or several in parallel): batch after batch while there is work, then a short idle wait.</summary>
public abstract class BatchWorker(ILogger logger, TimeSpan idlePoll) : BackgroundService
{
    protected abstract Task<int> RunBatchAsync(CancellationToken ct);

    protected virtual int Loops => 1;

    protected virtual Task IdleAsync(CancellationToken ct) => Task.Delay(idlePoll, ct);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Loops).Select(_ => Task.Run(() => LoopAsync(stoppingToken))));

    private async Task LoopAsync(CancellationToken stoppingToken)
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
                await IdleAsync(stoppingToken);
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
public sealed class WebhookFanoutWorker(WebhookFanout fanout, ILogger<WebhookFanoutWorker> logger) : BatchWorker(logger, TimeSpan.FromMilliseconds(100))
{
    protected override Task<int> RunBatchAsync(CancellationToken ct) => fanout.FanOutBatchAsync(ct);
}

/// <summary>Due webhook messages → signed HTTP deliveries: several loops, woken by fan-out rather than waiting out the poll.</summary>
public sealed class WebhookDeliveryWorker(WebhookDelivery delivery, DeliverySignal signal, IOptions<DeliveryOptions> options, ILogger<WebhookDeliveryWorker> logger)
    : BatchWorker(logger, options.Value.IdlePoll)
{
    protected override int Loops => options.Value.Loops;

    protected override Task IdleAsync(CancellationToken ct) => signal.WaitAsync(options.Value.IdlePoll, ct);

    protected override Task<int> RunBatchAsync(CancellationToken ct) => delivery.DeliverBatchAsync(ct);
}
