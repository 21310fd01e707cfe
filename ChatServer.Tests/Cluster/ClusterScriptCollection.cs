namespace ChatServer.Tests.Cluster;

/// <summary>
/// Tests of cluster.sh itself, which start and stop their own clusters on the contract's fixed ports: never in
/// parallel with anything else (xunit runs such collections one at a time, after the parallel ones).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterScriptCollection
{
    public const string Name = "ClusterScript";
}
