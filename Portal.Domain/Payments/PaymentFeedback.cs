namespace Portal.Domain.Payments;

/// <summary>How easy paying was, in the customer's words: a score from 1 to 10 and/or a comment. Once per payment.</summary>
public class PaymentFeedback
{
    public const int MaxComment = 1000;

    private PaymentFeedback() { }

    public PaymentFeedback(Guid paymentId, long organisationId, int? score, string? comment, DateTime nowUtc)
    {
        if (score is < 1 or > 10) throw new ArgumentOutOfRangeException(nameof(score), "A score is 1 to 10.");
        if (score is null && string.IsNullOrWhiteSpace(comment)) throw new ArgumentException("Feedback needs a score or a comment.");
        if (comment?.Length > MaxComment) throw new ArgumentException($"A comment is at most {MaxComment} characters.", nameof(comment));
        PaymentId = paymentId;
        OrganisationId = organisationId;
        Score = score;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        CreatedAtUtc = nowUtc;
    }

    public Guid PaymentId { get; private set; }
    public long OrganisationId { get; private set; }
    public int? Score { get; private set; }
    public string? Comment { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
}
