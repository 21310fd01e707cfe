using System.ComponentModel.DataAnnotations;

namespace ChatServer.Auth;

/// <summary>
/// Bulk sessions for load tests (section <c>Chat:Provisioning</c>): off by default. When on, a caller holding
/// <see cref="Key"/> gets sessions for many test users in one request, at the cost of one password hash instead of
/// one per user (<see cref="SessionProvisioner"/>).
/// </summary>
public sealed class ProvisioningOptions : IValidatableObject
{
    public const string SectionName = "Chat:Provisioning";

    /// <summary>Short keys could be guessed; 32 characters of a random key are far out of reach.</summary>
    public const int MinKeyLength = 32;

    public bool Enabled { get; set; }

    /// <summary>The shared secret callers send in the <c>X-Provisioning-Key</c> header.</summary>
    public string? Key { get; set; }

    [Range(1, 10_000, ErrorMessage = "Chat:Provisioning:MaxUsersPerRequest must be between 1 and 10000")]
    public int MaxUsersPerRequest { get; set; } = 1000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && (Key is null || Key.Length < MinKeyLength))
        {
            yield return new ValidationResult(
                $"Chat:Provisioning:Key must be at least {MinKeyLength} characters when Chat:Provisioning:Enabled is true",
                [nameof(Key)]);
        }
    }
}
