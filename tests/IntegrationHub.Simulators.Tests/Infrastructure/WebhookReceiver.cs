using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Simulators.Tests.Infrastructure;

public sealed record ReceivedHook(IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>A real Kestrel receiver on 127.0.0.1:0 that verifies signatures the way a hub should.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    public ConcurrentQueue<ReceivedHook> Received { get; } = new();

    /// <summary>Decides the status code; by default 200 for a valid signature, 401 otherwise.</summary>
    public Func<ReceivedHook, bool, int> Answer { get; set; } = (_, valid) => valid ? 200 : 401;

    /// <summary>How long to wait before answering (to miss the sender's deadline).</summary>
    public TimeSpan Delay { get; set; }

    public string Url => _app.Urls.First() + "/hook";

    private WebhookReceiver(WebApplication app) => _app = app;

    public static async Task<WebhookReceiver> StartAsync(string key, string signatureHeader)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext ctx) =>
        {
            using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var hook = new ReceivedHook(ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body);
            var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(body)));
            var valid = hook.Headers.TryGetValue(signatureHeader, out var sent)
                && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(sent));
            receiver.Received.Enqueue(hook);
            if (receiver.Delay > TimeSpan.Zero) await Task.Delay(receiver.Delay);
            ctx.Response.StatusCode = receiver.Answer(hook, valid);
        });
        await app.StartAsync();
        return receiver;
    }

    public async Task<ReceivedHook> WaitFor(Func<ReceivedHook, bool> match, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            if (Received.FirstOrDefault(match) is { } hook) return hook;
            await Task.Delay(25);
        }
        throw new TimeoutException("No matching webhook arrived");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
