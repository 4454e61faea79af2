using System.Net.Sockets;

namespace IntegrationHub.Core.Webhooks.Outbound;

/// <summary>
/// The delivery HTTP client: connects only to addresses the <see cref="SsrfGuard"/> allows, checked in the connect
/// callback after DNS resolution (so a name re-pointed at 169.254.169.254 after it was saved is still refused);
/// never follows redirects (a 3xx is a failed delivery); the per-request timeout is applied by the caller.
/// </summary>
public sealed class WebhookHttp : IDisposable
{
    public HttpClient Client { get; }

    public WebhookHttp(SsrfGuard guard)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = 256,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ConnectCallback = async (context, ct) =>
            {
                var address = await guard.ResolveAsync(context.DnsEndPoint.Host, ct);
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(address, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        Client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        Client.DefaultRequestHeaders.UserAgent.ParseAdd("IntegrationHub-Webhooks/1.0");
    }

    public void Dispose() => Client.Dispose();
}
