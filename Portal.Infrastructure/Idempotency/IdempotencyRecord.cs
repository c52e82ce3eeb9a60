namespace Portal.Infrastructure.Idempotency;

/// <summary>
/// One Idempotency-Key an organisation used on an API POST: a hash of the request it came with and, once done,
/// the response, so a retry gets that response again instead of doing the work twice.
/// </summary>
public class IdempotencyRecord
{
    private IdempotencyRecord() { }

    public IdempotencyRecord(long organisationId, string key, string requestHash, DateTime nowUtc)
    {
        OrganisationId = organisationId;
        Key = key;
        RequestHash = requestHash;
        CreatedAtUtc = nowUtc;
    }

    public long OrganisationId { get; private set; }
    public string Key { get; private set; } = "";
    /// <summary>SHA-256 of method, path, query and body.</summary>
    public string RequestHash { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    /// <summary>Null while the first request is still running.</summary>
    public DateTime? CompletedAtUtc { get; private set; }
    public int? ResponseStatus { get; private set; }
    public string? ResponseContentType { get; private set; }
    public string? ResponseLocation { get; private set; }
    public byte[]? ResponseBody { get; private set; }

    public void Complete(int status, string? contentType, string? location, byte[] body, DateTime nowUtc)
    {
        ResponseStatus = status;
        ResponseContentType = contentType;
        ResponseLocation = location;
        ResponseBody = body;
        CompletedAtUtc = nowUtc;
    }
}
