using System.Diagnostics.Metrics;
using ChatServer.Metrics;

namespace ChatServer.Tests.Infrastructure;

/// <summary><see cref="ChatMetrics"/> for pieces built by hand outside a host (store and feed tests); nothing listens to it.</summary>
internal static class TestMetrics
{
    public static ChatMetrics Create() => new(new StandaloneMeterFactory(), TimeProvider.System);

    private sealed class StandaloneMeterFactory : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
            // The meters go with the metrics object that owns them.
        }
    }
}
