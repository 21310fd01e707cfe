using System.Runtime.InteropServices;
using ChatServer.Delivery;

namespace ChatServer.Hosting;

/// <summary>
/// The host's lifetime in place of the console lifetime: SIGTERM (and Ctrl+C, SIGQUIT) first drains the instance
/// (<see cref="ConnectionDrain"/>), then stops the host. The drain has to come before
/// <see cref="IHostApplicationLifetime.StopApplication"/>: at ApplicationStopping SignalR disposes every connection at
/// once, with no reason and no chance to finish a send. A second signal stops at once.
/// </summary>
internal sealed class DrainingHostLifetime(ConnectionDrain drain, IHostApplicationLifetime lifetime, ILogger<DrainingHostLifetime> logger) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
        if (!OperatingSystem.IsWindows()) _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The runtime must not end the process: the host stops by itself once drained.
        context.Cancel = true;
        var signal = context.Signal.ToString();
        if (Interlocked.Increment(ref _signals) > 1)
        {
            HostingLog.StoppingNow(logger, signal);
            lifetime.StopApplication();
            return;
        }

        HostingLog.DrainRequested(logger, signal);
        _ = DrainThenStopAsync();
    }

    private async Task DrainThenStopAsync()
    {
        try
        {
            await drain.DrainAsync(lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // A second signal stopped the host meanwhile.
        }
        catch (Exception exception)
        {
            // Boundary of a task nobody awaits: whatever failed, the host must still stop.
            HostingLog.DrainFailed(logger, exception);
        }
        finally
        {
            lifetime.StopApplication();
        }
    }
}
