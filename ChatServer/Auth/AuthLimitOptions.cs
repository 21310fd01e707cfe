using System.ComponentModel.DataAnnotations;
using ChatServer.Chat;

namespace ChatServer.Auth;

/// <summary>
/// Limits on registering and logging in (section <c>Chat:AuthLimits</c>), each a token bucket shared by all instances.
/// Every attempt costs the server a password hash (about 100 ms of CPU), so one client address gets a small budget
/// of them. Failed logins back off per account and address: a guesser locks out only themselves there. Over all
/// addresses an account takes a steady trickle of failures, so guessing from many addresses stays slow, while its
/// owner, at worst, waits <see cref="AccountFailureRefillSeconds"/> for a try while someone else is guessing.
/// </summary>
public sealed class AuthLimitOptions
{
    public const string SectionName = "Chat:AuthLimits";

    /// <summary>Register and login requests one client address may make at once.</summary>
    [Range(1, 1_000_000)]
    public int AddressBurst { get; set; } = 30;

    /// <summary>After the burst, one more request per this many seconds.</summary>
    [Range(0.001, 3600)]
    public double AddressRefillSeconds { get; set; } = 1;

    /// <summary>Failed logins to one account from one address before it backs off.</summary>
    [Range(1, 1_000_000)]
    public int AccountAddressFailureBurst { get; set; } = 5;

    [Range(0.001, 3600)]
    public double AccountAddressFailureRefillSeconds { get; set; } = 30;

    /// <summary>Failed logins to one account from all addresses before it backs off (for everyone, so short).</summary>
    [Range(1, 1_000_000)]
    public int AccountFailureBurst { get; set; } = 20;

    [Range(0.001, 3600)]
    public double AccountFailureRefillSeconds { get; set; } = 5;

    public TokenBucketPolicy Address => new(1 / AddressRefillSeconds, AddressBurst);

    public TokenBucketPolicy AccountAddressFailures => new(1 / AccountAddressFailureRefillSeconds, AccountAddressFailureBurst);

    public TokenBucketPolicy AccountFailures => new(1 / AccountFailureRefillSeconds, AccountFailureBurst);
}
