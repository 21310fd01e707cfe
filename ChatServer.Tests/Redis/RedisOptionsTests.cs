using ChatServer.Redis;

namespace ChatServer.Tests.Redis;

public sealed class RedisOptionsTests
{
    [Fact]
    public void Connection_string_sets_every_option()
    {
        var options = RedisOptions.Parse("cache.local:6380,password=p@ss=word,user=chat,defaultDatabase=2,connectTimeout=1500,loadingTimeout=30000,commandTimeout=700,ssl=true,sslHost=redis.example,name=chat-1,abortConnect=false");
        Assert.Equal("cache.local", options.Host);
        Assert.Equal(6380, options.Port);
        Assert.Equal("p@ss=word", options.Password);
        Assert.Equal("chat", options.User);
        Assert.Equal(2, options.DefaultDatabase);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.LoadingTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(700), options.CommandTimeout);
        Assert.True(options.Ssl);
        Assert.Equal("redis.example", options.SslHost);
        Assert.Equal("chat-1", options.ClientName);
        Assert.False(options.AbortOnConnectFail);
        Assert.Empty(RedisOptionsValidator.Check(options));
    }

    [Theory]
    [InlineData("localhost", "localhost", 6379)]
    [InlineData("10.0.0.5:7000", "10.0.0.5", 7000)]
    [InlineData("[::1]:6390", "::1", 6390)]
    [InlineData(" redis ,  ", "redis", 6379)]
    public void Endpoint_forms_are_understood(string connectionString, string host, int port)
    {
        var options = RedisOptions.Parse(connectionString);
        Assert.Equal(host, options.Host);
        Assert.Equal(port, options.Port);
    }

    [Theory]
    [InlineData("", "no host:port")]
    [InlineData("host:notaport", "Invalid Redis port")]
    [InlineData("host:70000", "Invalid Redis port")]
    [InlineData("a:1,b:2", "more than one endpoint")]
    [InlineData("host,passwrod=x", "Unknown Redis connection string option 'passwrod'")]
    [InlineData("host,connectTimeout=soon", "must be an integer")]
    [InlineData("host,ssl=maybe", "must be true or false")]
    public void Bad_connection_strings_say_what_is_wrong(string connectionString, string expected)
    {
        var error = Assert.Throws<FormatException>(() => RedisOptions.Parse(connectionString));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_reports_every_problem()
    {
        var options = new RedisOptions
        {
            Host = " ",
            Port = 0,
            DefaultDatabase = -1,
            User = "u",
            CommandTimeout = TimeSpan.Zero,
            LoadingTimeout = TimeSpan.FromSeconds(-1),
            ReconnectMinDelay = TimeSpan.FromSeconds(2),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
            SubscriptionQueueCapacity = 0,
            ClientName = "has space",
        };
        var problems = RedisOptionsValidator.Check(options);
        Assert.Equal(9, problems.Count);
        Assert.Throws<ArgumentException>(() => new RedisConnection(options));
    }
}
