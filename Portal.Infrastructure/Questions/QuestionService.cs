using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Events;
using Portal.Domain.Messages;
using Portal.Domain.Questions;
using Portal.Domain.Verification;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Messages;

namespace Portal.Infrastructure.Questions;

public sealed record QuestionFileView(Guid Id, string ContentType, long Size);

public sealed record QuestionView(long Key, Guid Id, string CustomerRef, string InvoiceNumber, QuestionReason Reason, string Text, bool Dispute,
    QuestionStatus Status, string? Reply, bool? Upheld, IReadOnlyList<QuestionFileView> Files, DateTime CreatedAtUtc, DateTime? AnsweredAtUtc,
    DateTime? ResolvedAtUtc);

/// <summary>What the question form needs in one query: the invoice in the customer's scope, and whether a dispute's code is proved.</summary>
public sealed record QuestionForm(long InvoiceId, string InvoiceNumber, string? Description, bool Verified, bool AlreadyDisputed);

/// <summary>
/// Questions and disputes about invoices. A dispute needs a one-time code first, and holds its invoice (no reminder, no
/// collection) until the organisation resolves it; the organisation answers and resolves through the API, and the
/// customer is told by message. Audit records name the reason and the files' SHA-256, never the text or a file name.
/// </summary>
public class QuestionService(PortalDbContext db, TimeProvider clock, AuditTrail audit, MessageService messages)
{
    public const string DisputePurpose = "dispute";

    public static readonly IReadOnlyDictionary<string, QuestionReason> Reasons = new Dictionary<string, QuestionReason>
    {
        ["amount-wrong"] = QuestionReason.AmountWrong, ["already-paid"] = QuestionReason.AlreadyPaid, ["not-received"] = QuestionReason.NotReceived,
        ["complaint"] = QuestionReason.Complaint, ["other"] = QuestionReason.Other,
    };

    public static readonly IReadOnlyDictionary<string, QuestionStatus> Statuses = new Dictionary<string, QuestionStatus>
    {
        ["open"] = QuestionStatus.Open, ["answered"] = QuestionStatus.Answered, ["resolved"] = QuestionStatus.Resolved,
    };

    public static string ReasonName(QuestionReason reason) => Reasons.First(r => r.Value == reason).Key;
    public static string StatusName(QuestionStatus status) => Statuses.First(s => s.Value == status).Key;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<QuestionForm?> FormAsync(CustomerScope scope, string invoiceNumber, CancellationToken ct = default)
    {
        var row = await scope.Invoices(db).AsNoTracking().Where(i => i.InvoiceNumber == invoiceNumber)
            .Select(i => new
            {
                i.Id, i.InvoiceNumber, i.Description,
                Disputed = db.Questions.Where(Question.Disputing).Any(q => q.InvoiceId == i.Id),
                // The session's newest code for a dispute, as two scalars (one row of two columns would need APPLY, which SQLite lacks).
                VerifiedAt = db.OneTimeCodes.Where(c => c.PayLinkId == scope.PayLinkId && c.CustomerId == scope.CustomerId && c.Purpose == DisputePurpose)
                    .OrderByDescending(c => c.Id).Select(c => c.VerifiedAtUtc).FirstOrDefault(),
                UsedAt = db.OneTimeCodes.Where(c => c.PayLinkId == scope.PayLinkId && c.CustomerId == scope.CustomerId && c.Purpose == DisputePurpose)
                    .OrderByDescending(c => c.Id).Select(c => c.UsedAtUtc).FirstOrDefault(),
            }).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var verified = row is { VerifiedAt: { } at, UsedAt: null } && Now < at + OneTimeCode.VerifiedFor;
        return new QuestionForm(row.Id, row.InvoiceNumber, row.Description, verified, row.Disputed);
    }

    /// <summary>
    /// Files the customer's question or dispute with its files (already checked), in one transaction with its audit record
    /// and event. A dispute uses up the session's proved code in the same transaction, and is refused (null) when there is
    /// no such proof any more or the invoice is disputed already: a form sent twice makes one dispute.
    /// </summary>
    public async Task<QuestionView?> AskAsync(CustomerScope scope, long invoiceId, QuestionReason reason, string text, bool dispute,
        IReadOnlyList<(string ContentType, byte[] Content)> files, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(scope.OrganisationId, ct);
        var now = Now;
        if (dispute)
        {
            var code = await db.OneTimeCodes.Where(c => c.PayLinkId == scope.PayLinkId && c.CustomerId == scope.CustomerId && c.Purpose == DisputePurpose)
                .OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
            if (code is null || await db.Questions.Where(Question.Disputing).AnyAsync(q => q.InvoiceId == invoiceId, ct) || !code.Use(now)) return null;
        }
        var question = new Question(Guid.NewGuid(), scope.OrganisationId, scope.CustomerId, invoiceId, reason, text, dispute, now);
        foreach (var (type, content) in files) question.Attach(new QuestionFile(Guid.NewGuid(), type, content));
        db.Questions.Add(question);
        var (customerRef, number) = await FactsAsync(question, ct);
        audit.Append(scope.OrganisationId, scope.Actor, dispute ? "dispute.opened" : "question.created", "question", question.PublicId.ToString(),
            Short($"{ReasonName(reason)}, {files.Count} file(s)" + string.Concat(question.Files.Select(f => ", sha256:" + f.Sha256[..16]))));
        Emit(question, customerRef, number, dispute ? EventCatalogue.DisputeOpened : EventCatalogue.QuestionCreated, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return View(question, customerRef, number);
    }

    /// <summary>The customer's own questions, newest first, with the organisation's replies.</summary>
    public async Task<IReadOnlyList<QuestionView>> MineAsync(CustomerScope scope, CancellationToken ct = default) =>
        await ViewsAsync(db.Questions.Where(q => q.OrganisationId == scope.OrganisationId && q.CustomerId == scope.CustomerId)
            .OrderByDescending(q => q.Id).Take(50), ct);

    public async Task<(IReadOnlyList<QuestionView> Items, long? NextKey)> ListAsync(long organisationId, QuestionStatus? status, string? customerRef,
        bool? dispute, long? beforeKey, int limit, CancellationToken ct = default)
    {
        var query = db.Questions.Where(q => q.OrganisationId == organisationId);
        if (status is { } s) query = query.Where(q => q.Status == s);
        if (dispute is { } d) query = query.Where(q => q.Dispute == d);
        if (customerRef is not null) query = query.Where(q => db.Customers.Any(c => c.Id == q.CustomerId && c.CustomerRef == customerRef));
        if (beforeKey is { } before) query = query.Where(q => q.Id < before);
        var views = await ViewsAsync(query.OrderByDescending(q => q.Id).Take(limit + 1), ct);
        return (views.Take(limit).ToList(), views.Count > limit ? views[limit - 1].Key : null);
    }

    public async Task<QuestionView?> GetAsync(long organisationId, Guid id, CancellationToken ct = default) =>
        (await ViewsAsync(db.Questions.Where(q => q.OrganisationId == organisationId && q.PublicId == id), ct)).FirstOrDefault();

    /// <summary>A file of a question of this organisation: its type and bytes, for the API alone.</summary>
    public Task<QuestionFile?> FileAsync(long organisationId, Guid questionId, Guid fileId, CancellationToken ct = default) =>
        db.Questions.AsNoTracking().Where(q => q.OrganisationId == organisationId && q.PublicId == questionId)
            .SelectMany(q => q.Files).Where(f => f.PublicId == fileId).FirstOrDefaultAsync(ct);

    public enum Outcome { Done, NotFound, NotNow }

    /// <summary>The organisation's answer, which the customer reads on their pages and in a message.</summary>
    public Task<(Outcome, QuestionView?)> AnswerAsync(long organisationId, Guid id, string reply, string actor, CancellationToken ct = default) =>
        ChangeAsync(organisationId, id, actor, "question.answered", (q, now) => q.Answer(reply, now), null,
            new MessageService.Request(MessageKind.QuestionAnswered, Reason: reply, CauseKey: $"question-answered:{id}:{Digest(reply)}"), ct);

    /// <summary>Closes it, upheld or not; a dispute's invoice is no longer held, and the customer is told.</summary>
    public Task<(Outcome, QuestionView?)> ResolveAsync(long organisationId, Guid id, bool upheld, string? reply, string actor, CancellationToken ct = default) =>
        ChangeAsync(organisationId, id, actor, upheld ? "question.resolved_upheld" : "question.resolved_not_upheld", (q, now) => q.Resolve(upheld, reply, now),
            EventCatalogue.DisputeResolved, null, ct, reply);

    private async Task<(Outcome, QuestionView?)> ChangeAsync(long organisationId, Guid id, string actor, string action, Func<Question, DateTime, bool> change,
        EventType<QuestionEventData>? type, MessageService.Request? message, CancellationToken ct, string? resolveReply = null)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var question = await db.Questions.Include(q => q.Files).FirstOrDefaultAsync(q => q.OrganisationId == organisationId && q.PublicId == id, ct);
        if (question is null) return (Outcome.NotFound, null);
        var (customerRef, number) = await FactsAsync(question, ct);
        var now = Now;
        if (!change(question, now)) return (Outcome.NotNow, View(question, customerRef, number));
        audit.Append(organisationId, actor, action, "question", question.PublicId.ToString(), Short($"invoice {number}"));
        if (type is not null && question.Dispute) Emit(question, customerRef, number, type, now);
        // A resolved dispute is told as a decision; a resolved question with a reply as an answer.
        message ??= question.Dispute ? new MessageService.Request(MessageKind.DisputeResolved, Reason: resolveReply, CauseKey: $"dispute-resolved:{id}")
            : resolveReply is not null ? new MessageService.Request(MessageKind.QuestionAnswered, Reason: resolveReply, CauseKey: $"question-resolved:{id}") : null;
        if (message is not null) await messages.PrepareAsync(organisationId, customerRef, message, actor, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (Outcome.Done, View(question, customerRef, number));
    }

    private async Task<(string CustomerRef, string InvoiceNumber)> FactsAsync(Question question, CancellationToken ct)
    {
        var row = await db.Invoices.AsNoTracking().Where(i => i.Id == question.InvoiceId)
            .Select(i => new { i.InvoiceNumber, CustomerRef = db.Customers.Where(c => c.Id == question.CustomerId).Select(c => c.CustomerRef).First() })
            .FirstAsync(ct);
        return (row.CustomerRef, row.InvoiceNumber);
    }

    private void Emit(Question q, string customerRef, string number, EventType<QuestionEventData> type, DateTime now) =>
        db.OutboxEvents.Add(OutboxEvent.Create(q.OrganisationId, type,
            new QuestionEventData(q.PublicId, customerRef, number, ReasonName(q.Reason), q.Text, q.Dispute, StatusName(q.Status), q.Upheld, q.Files.Count), now));

    private async Task<List<QuestionView>> ViewsAsync(IQueryable<Question> questions, CancellationToken ct)
    {
        var rows = await questions.AsNoTracking().Select(q => new
        {
            Question = new QuestionView(q.Id, q.PublicId, db.Customers.Where(c => c.Id == q.CustomerId).Select(c => c.CustomerRef).First(),
                db.Invoices.Where(i => i.Id == q.InvoiceId).Select(i => i.InvoiceNumber).First(), q.Reason, q.Text, q.Dispute, q.Status, q.Reply, q.Upheld,
                new List<QuestionFileView>(), q.CreatedAtUtc, q.AnsweredAtUtc, q.ResolvedAtUtc),
            Files = q.Files.OrderBy(f => f.Id).Select(f => new QuestionFileView(f.PublicId, f.ContentType, f.Size)).ToList(),
        }).ToListAsync(ct);
        return [.. rows.Select(r => r.Question with { Files = r.Files })];
    }

    private static QuestionView View(Question q, string customerRef, string number) =>
        new(q.Id, q.PublicId, customerRef, number, q.Reason, q.Text, q.Dispute, q.Status, q.Reply, q.Upheld,
            [.. q.Files.Select(f => new QuestionFileView(f.PublicId, f.ContentType, f.Size))], q.CreatedAtUtc, q.AnsweredAtUtc, q.ResolvedAtUtc);

    /// <summary>An audit outcome holds 100 characters; the question's id is its object, so a long invoice number may be cut.</summary>
    private static string Short(string outcome) => outcome.Length <= 100 ? outcome : outcome[..100];

    private static string Digest(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
}
