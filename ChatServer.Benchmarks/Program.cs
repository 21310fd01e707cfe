using ChatServer.Benchmarks;

// dotnet run -c Release --project ChatServer.Benchmarks -- <benchmark> [options]
return args.FirstOrDefault() switch
{
    "redis" => await RedisBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ChatServer.Benchmarks redis [--requests N] [--clients 50] [--pipeline 16] [--server host:port]");
    return 2;
}
