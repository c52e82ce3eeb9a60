namespace Portal.Infrastructure.Payments.Mollie;

/// <summary>Every failure of a Mollie call: an error answer, or no answer at all (Status 0: network or time-out).</summary>
public sealed class MollieApiException(int status, string title, string detail, string? field, Exception? inner = null)
    : Exception($"Mollie {status} {title}: {detail}" + (field is null ? "" : $" (field '{field}')"), inner)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public string Detail { get; } = detail;
    public string? Field { get; } = field;

    /// <summary>Worth trying again later: the provider is busy, down or unreachable.</summary>
    public bool IsTransient => Status is 0 or 429 or >= 500;
}
