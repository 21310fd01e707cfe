using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ChatServer.Jobs.InMemory;

/// <summary>Job results in process memory, as chunks: the single-instance default. Expired results are dropped as they are met.</summary>
internal sealed class InMemoryJobResultStore(IOptions<JobOptions> options, TimeProvider clock) : IJobResultStore
{
    private readonly ConcurrentDictionary<(string JobId, int Attempt), List<byte[]>> _drafts = new();
    private readonly ConcurrentDictionary<string, (List<byte[]> Chunks, DateTimeOffset ExpiresAt)> _results = new(StringComparer.Ordinal);
    private readonly TimeSpan _ttl = options.Value.ResultTtl;

    public Task AppendAsync(string jobId, int attempt, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        // One attempt writes its own draft from one task, so the list needs no lock of its own.
        _drafts.GetOrAdd((jobId, attempt), _ => []).Add(chunk.ToArray());
        return Task.CompletedTask;
    }

    public Task CommitAsync(string jobId, int attempt, CancellationToken cancellationToken)
    {
        DropExpired();
        _results[jobId] = (_drafts.TryRemove((jobId, attempt), out var chunks) ? chunks : [], clock.GetUtcNow() + _ttl);
        return Task.CompletedTask;
    }

    public Task DiscardAsync(string jobId, int attempt, CancellationToken cancellationToken)
    {
        _drafts.TryRemove((jobId, attempt), out _);
        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(string jobId, CancellationToken cancellationToken) =>
        Task.FromResult(_results.TryGetValue(jobId, out var result) && result.ExpiresAt > clock.GetUtcNow());

    public async Task CopyToAsync(string jobId, Stream destination, CancellationToken cancellationToken)
    {
        if (!_results.TryGetValue(jobId, out var result)) return;
        foreach (var chunk in result.Chunks)
        {
            await destination.WriteAsync(chunk, cancellationToken);
        }
    }

    private void DropExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var expired in _results.Where(entry => entry.Value.ExpiresAt <= now).Select(entry => entry.Key).ToList())
        {
            _results.TryRemove(expired, out _);
        }
    }
}
