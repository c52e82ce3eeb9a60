using Microsoft.EntityFrameworkCore;
using Portal.Domain.Events;
using Portal.Domain.Payments;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Customers;

namespace Portal.Infrastructure.Payments;

/// <summary>Keeps the customer's feedback on a paid payment and tells the ERP (feedback.received).</summary>
public class PaymentFeedbackService(PortalDbContext db, TimeProvider clock, AuditTrail audit)
{
    public enum Outcome { Recorded, AlreadyGiven, NotFound }

    public Task<bool> HasFeedbackAsync(Guid paymentId, CancellationToken ct = default) =>
        db.Set<PaymentFeedback>().AnyAsync(f => f.PaymentId == paymentId, ct);

    public async Task<Outcome> RecordAsync(CustomerScope scope, Guid paymentId, int? score, string? comment, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(scope.OrganisationId, ct);
        var payment = await db.Payments.AsNoTracking().Include(p => p.Allocations)
            .FirstOrDefaultAsync(p => p.Id == paymentId && p.CustomerId == scope.CustomerId && p.Status == PaymentStatus.Paid, ct);
        if (payment is null) return Outcome.NotFound;
        if (await HasFeedbackAsync(paymentId, ct)) return Outcome.AlreadyGiven;

        var now = clock.GetUtcNow().UtcDateTime;
        var feedback = new PaymentFeedback(paymentId, scope.OrganisationId, score, comment, now);
        db.Add(feedback);
        var invoiceIds = payment.Allocations.Select(a => a.InvoiceId).ToList();
        var numbers = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).Select(i => i.InvoiceNumber).ToListAsync(ct);
        db.OutboxEvents.Add(OutboxEvent.Create(scope.OrganisationId, EventCatalogue.FeedbackReceived,
            new FeedbackEventData(paymentId, numbers.Order().ToList(), feedback.Score, feedback.Comment), now));
        audit.Append(scope.OrganisationId, scope.Actor, "feedback.received", "payment", paymentId.ToString(), "ok");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome.Recorded;
    }
}
