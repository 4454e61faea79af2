using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Webhooks.Tests;

public sealed record ReceivedRequest(IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>A subscriber on loopback: records every request and answers with whatever the test queued (200 when nothing is).</summary>
public sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpResponse, Task>> _answers = new();
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();
    public string Url { get; }
    /// <summary>The status answered when no specific answer is queued.</summary>
    public int DefaultStatus { get; set; } = 200;
    public int Port { get; }

    private LoopbackReceiver(WebApplication app)
    {
        _app = app;
        Url = app.Urls.First().TrimEnd('/') + "/hook";
        Port = new Uri(Url).Port;
    }

    public static async Task<LoopbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        LoopbackReceiver? receiver = null;
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            receiver!.Requests.Enqueue(new ReceivedRequest(http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), await reader.ReadToEndAsync()));
            if (receiver._answers.TryDequeue(out var answer)) await answer(http.Response);
            else http.Response.StatusCode = receiver.DefaultStatus;
        });
        await app.StartAsync();
        receiver = new LoopbackReceiver(app);
        return receiver;
    }

    public void Answer(int status, string? body = null, string? retryAfter = null, int times = 1)
    {
        for (var i = 0; i < times; i++)
            _answers.Enqueue(async response =>
            {
                response.StatusCode = status;
                if (retryAfter is not null) response.Headers.RetryAfter = retryAfter;
                if (body is not null) await response.WriteAsync(body);
            });
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
