namespace Portal.Domain.Questions;

public enum QuestionReason
{
    AmountWrong,
    AlreadyPaid,
    NotReceived,
    Complaint,
    Other,
}

public enum QuestionStatus
{
    Open,
    Answered,
    Resolved,
}

/// <summary>
/// A customer's question about one of their invoices, or their dispute of it. A dispute pauses reminders and collection
/// on that invoice until the organisation resolves it (upheld or not); a question pauses nothing. The organisation's
/// reply is what the customer reads on their pages.
/// </summary>
public class Question
{
    public const int MaxText = 2000;
    public const int MaxReply = 2000;

    private readonly List<QuestionFile> _files = [];

    private Question() { }

    public Question(Guid publicId, long organisationId, long customerId, long invoiceId, QuestionReason reason, string text, bool dispute, DateTime nowUtc)
    {
        PublicId = publicId;
        OrganisationId = organisationId;
        CustomerId = customerId;
        InvoiceId = invoiceId;
        Reason = reason;
        Text = text;
        Dispute = dispute;
        Status = QuestionStatus.Open;
        CreatedAtUtc = nowUtc;
    }

    public long Id { get; private set; }
    public Guid PublicId { get; private set; }
    public long OrganisationId { get; private set; }
    public long CustomerId { get; private set; }
    public long InvoiceId { get; private set; }
    public QuestionReason Reason { get; private set; }
    public string Text { get; private set; } = "";
    public bool Dispute { get; private set; }
    public QuestionStatus Status { get; private set; }
    /// <summary>The organisation's words to the customer: its answer, or why it resolved the dispute as it did.</summary>
    public string? Reply { get; private set; }
    /// <summary>Once resolved: whether the organisation agreed with the customer.</summary>
    public bool? Upheld { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? AnsweredAtUtc { get; private set; }
    public DateTime? ResolvedAtUtc { get; private set; }

    public IReadOnlyList<QuestionFile> Files => _files;

    /// <summary>A dispute that holds its invoice: filed and not yet resolved.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Question, bool>> Disputing = q => q.Dispute && q.Status != QuestionStatus.Resolved;

    public void Attach(QuestionFile file) => _files.Add(file);

    /// <summary>The organisation answers; a dispute stays open (and its invoice paused) until it is resolved.</summary>
    public bool Answer(string reply, DateTime nowUtc)
    {
        if (Status == QuestionStatus.Resolved) return false;
        (Reply, Status, AnsweredAtUtc) = (reply, QuestionStatus.Answered, nowUtc);
        return true;
    }

    /// <summary>The organisation closes it: for a dispute, upheld (the customer is right) or not; the pause ends either way.</summary>
    public bool Resolve(bool upheld, string? reply, DateTime nowUtc)
    {
        if (Status == QuestionStatus.Resolved) return false;
        (Status, Upheld, ResolvedAtUtc) = (QuestionStatus.Resolved, upheld, nowUtc);
        if (reply is not null) (Reply, AnsweredAtUtc) = (reply, nowUtc);
        return true;
    }
}

/// <summary>
/// A file the customer sent with a question: its type as read from its first bytes, its size, and the bytes themselves,
/// kept in the database under an id Portal gives it (never the customer's file name, never under the web root).
/// </summary>
public class QuestionFile
{
    private QuestionFile() { }

    public QuestionFile(Guid publicId, string contentType, byte[] content)
    {
        PublicId = publicId;
        ContentType = contentType;
        Size = content.Length;
        Content = content;
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
    }

    public long Id { get; private set; }
    public Guid PublicId { get; private set; }
    public long QuestionId { get; private set; }
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string Sha256 { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
}

/// <summary>What a customer may send with a question: a PDF, JPEG or PNG of at most 10 MB, recognised by its content.</summary>
public static class UploadCheck
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public enum Refusal { None, Empty, TooLarge, NotAllowed }

    /// <summary>The content type its first bytes show, when it is one of the three; the name and the browser's type are not trusted.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head) =>
        head.StartsWith("%PDF-"u8) ? "application/pdf"
        : head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : null;

    public static Refusal Check(long length, ReadOnlySpan<byte> head) =>
        length == 0 ? Refusal.Empty
        : length > MaxBytes ? Refusal.TooLarge
        : Sniff(head) is null ? Refusal.NotAllowed
        : Refusal.None;
}
