using System.Runtime.InteropServices;

namespace IntegrationHub.AppHost;

/// <summary>Turns SIGINT (Ctrl+C) and SIGTERM into a cancellation, so the AppHost stops its children instead of dying first.</summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignal(ConsolePrefixer console)
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];

        void Handle(PosixSignalContext context)
        {
            context.Cancel = true;
            if (_cts.IsCancellationRequested) return;
            console.Info($"{context.Signal} received: stopping IntegrationHub");
            _cts.Cancel();
        }
    }

    public CancellationToken Token => _cts.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _cts.Dispose();
    }
}
