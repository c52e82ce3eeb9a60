using Portal.Api.Http;
using Portal.Domain.Invoices;
using Portal.Domain.Questions;
using Portal.Infrastructure.Questions;

namespace Portal.Api.Questions;

public record QuestionFileDto(Guid Id, string ContentType, long Size);

/// <summary>
/// A question or dispute. files: what the customer sent, downloadable at GET /api/v1/questions/{id}/files/{fileId}
/// (never by the customer's file name, which Portal does not keep).
/// </summary>
public record QuestionResponse(Guid Id, string CustomerRef, string InvoiceNumber, string Reason, string Text, bool Dispute,
    IReadOnlyList<QuestionFileDto> Files, string Status, string? Reply, bool? Upheld, DateTime CreatedAt, DateTime? AnsweredAt, DateTime? ResolvedAt)
{
    public static QuestionResponse Of(QuestionView v) => new(v.Id, v.CustomerRef, v.InvoiceNumber, QuestionService.ReasonName(v.Reason), v.Text, v.Dispute,
        [.. v.Files.Select(f => new QuestionFileDto(f.Id, f.ContentType, f.Size))], QuestionService.StatusName(v.Status), v.Reply, v.Upheld,
        Utc(v.CreatedAtUtc), v.AnsweredAtUtc is { } a ? Utc(a) : null, v.ResolvedAtUtc is { } r ? Utc(r) : null);

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}

public record QuestionListResponse(IReadOnlyList<QuestionResponse> Items, string? NextCursor);

/// <summary>POST /api/v1/questions/{id}/answer: the reply the customer reads.</summary>
public record AnswerRequest(string? Reply)
{
    public (string? Reply, IReadOnlyList<RuleViolation> Errors) Check() => Reply is null || string.IsNullOrWhiteSpace(Reply)
        ? (null, [new("reply", "'reply' is required: the customer reads it, so answer in plain words.")])
        : ReplyText.Check(Reply);
}

/// <summary>POST /api/v1/questions/{id}/resolve: upheld (the customer is right) or not, and optionally the reply they read.</summary>
public record ResolveRequest(bool? Upheld, string? Reply)
{
    public (bool Upheld, string? Reply, IReadOnlyList<RuleViolation> Errors) Check()
    {
        var errors = new List<RuleViolation>();
        if (Upheld is null) errors.Add(new("upheld", "'upheld' is required: true when the customer is right, false when the invoice stands."));
        string? reply = null;
        if (Reply is not null && !string.IsNullOrWhiteSpace(Reply))
        {
            var (checkedReply, replyErrors) = ReplyText.Check(Reply);
            reply = checkedReply;
            errors.AddRange(replyErrors);
        }
        return (Upheld ?? false, reply, errors);
    }
}

internal static class ReplyText
{
    public static (string? Reply, IReadOnlyList<RuleViolation> Errors) Check(string reply)
    {
        var errors = new List<RuleViolation>();
        if (reply.Trim().Length > Question.MaxReply) errors.Add(new("reply", $"'reply' is at most {Question.MaxReply} characters."));
        else RequestMapping.FreeText(reply, "reply", errors);
        return (errors.Count == 0 ? reply.Trim() : null, errors);
    }
}
