using Portal.Domain.ApiKeys;
using Portal.Domain.Invoices;

namespace Portal.Api.ApiKeys;

/// <summary>POST /api/v1/api-keys: a name that tells the key apart, such as the system that will use it.</summary>
public record ApiKeyRequest(string? Name)
{
    /// <summary>This request's checks, and the name as it is stored (trimmed).</summary>
    public (string? Name, IReadOnlyList<RuleViolation> Errors) Check()
    {
        var name = Name?.Trim();
        return ApiKey.IsValidName(name)
            ? (name, [])
            : (null, [new RuleViolation("name", $"Required: 1 to {ApiKey.MaxName} characters on one line, such as \"ERP production\".")]);
    }
}

/// <summary>One key, never its secret. current: this is the key the request was made with.</summary>
public record ApiKeyResponse(long Id, string Name, string Hint, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt, bool Current);

/// <summary>The key is shown only here, when it is made; Portal keeps only its hash.</summary>
public record ApiKeyCreated(long Id, string Name, string Hint, string Key, DateTime CreatedAt);
