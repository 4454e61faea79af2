using System.Net;
using System.Net.Sockets;

namespace IntegrationHub.EndToEnd.Tests;

/// <summary>Finds a port offset at which every default service port is free, so a test stack never meets a developer's ./hub up.</summary>
public static class FreePorts
{
    public static int FindOffset(IReadOnlyList<int> defaultPorts)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            // Offsets keep every port between 15000 and 55400: clear of ./hub up (5000-5400) and the PostgreSQL/Redis ports (55432+).
            var offset = Random.Shared.Next(10_000, 50_000);
            if (defaultPorts.All(p => IsFree(p + offset))) return offset;
        }
        throw new InvalidOperationException("No free port offset found for the test stack.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
