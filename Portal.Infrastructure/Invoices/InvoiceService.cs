using Microsoft.EntityFrameworkCore;
using Portal.Domain.Invoices;
using Portal.Domain.Payments;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Invoices;

/// <summary>Creates, updates and reads invoices by the ERP's invoice number.</summary>
public class InvoiceService(PortalDbContext db, TimeProvider clock, AuditTrail audit)
{
    public Task<InvoiceUpsertResult> UpsertAsync(long organisationId, InvoiceInput input, string actor, CancellationToken ct = default) =>
        ConcurrentInsert.RetryOnceAsync(db, () => UpsertOnceAsync(organisationId, input, actor, ct));

    private async Task<InvoiceUpsertResult> UpsertOnceAsync(long organisationId, InvoiceInput input, string actor, CancellationToken ct)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var customerId = await db.Customers
            .Where(c => c.OrganisationId == organisationId && c.CustomerRef == input.CustomerRef)
            .Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        if (customerId is null)
            return InvoiceUpsertResult.Invalid([new("customerRef", $"There is no customer '{input.CustomerRef}'. PUT the customer first.")]);

        var details = input.ToDetails(customerId.Value);
        var violations = InvoiceRules.Check(details);
        if (violations.Count > 0) return InvoiceUpsertResult.Invalid(violations);

        var invoice = await db.Invoices.Include(i => i.Lines)
            .FirstOrDefaultAsync(i => i.OrganisationId == organisationId && i.InvoiceNumber == input.InvoiceNumber, ct);
        var result = Apply(organisationId, input.InvoiceNumber, details, invoice);
        if (result.Outcome is UpsertOutcome.Created or UpsertOutcome.Updated)
        {
            audit.Append(organisationId, actor, result.Outcome == UpsertOutcome.Created ? "invoice.created" : "invoice.updated",
                "invoice", input.InvoiceNumber, "ok");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return result;
    }

    /// <summary>Applies one invoice to the unit of work without saving (the batch decides over columns with the same <see cref="InvoiceChange"/>).</summary>
    internal InvoiceUpsertResult Apply(long organisationId, string invoiceNumber, InvoiceDetails details, Invoice? existing)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (existing is null)
        {
            db.Invoices.Add(new Invoice(organisationId, invoiceNumber, details, now));
            return InvoiceUpsertResult.Done(UpsertOutcome.Created);
        }
        var outcome = existing.Update(details, now);
        if (outcome == InvoiceUpdateOutcome.Updated)
        {
            // The old lines are replaced wholesale; EF deletes the orphans.
            return InvoiceUpsertResult.Done(UpsertOutcome.Updated);
        }
        return InvoiceUpsertResult.NotUpdated(outcome, invoiceNumber, existing.AmountPaidMinor, existing.Currency);
    }

    /// <summary>Cancels an invoice: null when there is none, false when it is paid, true when cancelled (now or before).</summary>
    public async Task<bool?> CancelAsync(long organisationId, string invoiceNumber, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.OrganisationId == organisationId && i.InvoiceNumber == invoiceNumber, ct);
        if (invoice is null) return null;
        if (invoice.Status == InvoiceStatus.Cancelled) return true;
        if (!invoice.Cancel(clock.GetUtcNow().UtcDateTime)) return false;
        audit.Append(organisationId, actor, "invoice.cancelled", "invoice", invoiceNumber, "ok");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public Task<InvoiceView?> GetAsync(long organisationId, string invoiceNumber, CancellationToken ct = default) =>
        Views(db.Invoices.Where(i => i.OrganisationId == organisationId && i.InvoiceNumber == invoiceNumber)).FirstOrDefaultAsync(ct);

    /// <summary>An invoice with the payments that cover it, newest first, in one query.</summary>
    /// <remarks><c>Pause</c> is why reminders and collection hold for the invoice (dispute, then hardship, then arrangement), or null.</remarks>
    public async Task<(InvoiceView View, IReadOnlyList<InvoicePaymentView> Payments, (string Reason, DateOnly? Until)? Pause)?> GetWithPaymentsAsync(long organisationId,
        string invoiceNumber, CancellationToken ct = default)
    {
        var found = await InvoiceQueries.WithPayments(db, organisationId, invoiceNumber);
        if (found is null) return null;
        return (found.View, found.Payments.OrderByDescending(r => r.CreatedAtUtc)
            .Select(r => new InvoicePaymentView(r.Id, r.Method, r.Status.ToString().ToLowerInvariant(), r.AmountMinor, r.CreatedAtUtc, r.PaidAtUtc)).ToList(),
            Pause(found));
    }

    // A dispute, a helper or a promise holds only what is still to pay; a plan's pause stands for its whole life.
    private static (string, DateOnly?)? Pause(InvoiceQueries.InvoiceRow found)
    {
        var payable = found.View.Status is nameof(InvoiceStatus.Open) or nameof(InvoiceStatus.PartiallyPaid);
        if (payable && found.PausedByDispute) return ("dispute", null);
        if (payable && found.PausedByHardship) return ("hardship", null);
        if (found.PausedByPlan) return ("arrangement", null);
        if (payable && found.PromisedBy is { } date) return ("promise", date);
        return null;
    }

    /// <summary>A page of invoices in change order, changed at or after <paramref name="changedSinceUtc"/> and after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<InvoiceView>> ListAsync(long organisationId, InvoiceStatus? status, DateTime? changedSinceUtc,
        InvoiceCursor? after, int limit, CancellationToken ct = default)
    {
        var lowest = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
        var since = changedSinceUtc is { } s ? DateTime.SpecifyKind(s, DateTimeKind.Utc) : lowest;
        var (fromAt, fromId) = after is null ? (lowest, long.MinValue) : (DateTime.SpecifyKind(after.ChangedAtUtc, DateTimeKind.Utc), after.Id);
        var rows = InvoiceQueries.Page(db, organisationId, status, since, fromAt, fromId, limit);

        var page = new List<InvoiceView>(Math.Min(limit, 1000));
        List<InvoiceLineView>? lines = null;
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (page.Count == 0 || page[^1].Id != row.Id)
            {
                lines = [];
                page.Add(new InvoiceView(row.Id, row.InvoiceNumber, row.CustomerRef, row.Status, row.Currency, row.TotalMinor,
                    row.AmountPaidMinor, row.IssueDate, row.DueDate, row.Description, row.ChangedAtUtc, lines));
            }
            if (row.LineAmountMinor is { } amountMinor)
                lines!.Add(new InvoiceLineView(row.LineDescription ?? "", amountMinor, row.LineQuantity, row.LineUnitPriceMinor, row.LineVatRate));
        }
        return page;
    }

    private IQueryable<InvoiceView> Views(IQueryable<Invoice> invoices) =>
        invoices.AsNoTracking().Select(i => new InvoiceView(
            i.Id, i.InvoiceNumber,
            db.Customers.Where(c => c.Id == i.CustomerId).Select(c => c.CustomerRef).First(),
            i.Status.ToString(), i.Currency, i.TotalMinor, i.AmountPaidMinor, i.IssueDate, i.DueDate, i.Description, i.ChangedAtUtc,
            i.Lines.OrderBy(l => l.Position)
                .Select(l => new InvoiceLineView(l.Description, l.AmountMinor, l.Quantity, l.UnitPriceMinor, l.VatRate)).ToList()));
}
