using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain;
using Portal.Domain.DirectDebit;
using Portal.Domain.Events;
using Portal.Domain.Invoices;
using Portal.Domain.Payments;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Payments.Mollie;

namespace Portal.Infrastructure.DirectDebit;

/// <summary>What the customer and the ERP read of a customer's direct debit: one query, and the next collection worked out from it.</summary>
public partial class DirectDebitService
{
    public sealed record MandateView(MandateStatus Status, string Iban, string AccountHolder, string Reference, MandateSource Source, DateOnly SignatureDate);

    public sealed record NextCollection(DateOnly Date, long AmountMinor, string Currency, IReadOnlyList<string> InvoiceNumbers);

    /// <summary>One date's collection: the invoices of the customer collected that day, together.</summary>
    /// <param name="AwaitingChoice">It failed or came back, and the customer has not chosen a day or a new mandate since.</param>
    public sealed record CollectionView(DateOnly Date, long AmountMinor, string Currency, CollectionStatus Status, string? BankReasonCode, bool AwaitingChoice);

    /// <summary>A customer's direct debit as they and the ERP see it; <paramref name="Collections"/> newest first, at most 24.</summary>
    public sealed record View(string CustomerRef, MandateView? Mandate, int? CollectionDay, NextCollection? Next, IReadOnlyList<CollectionView> Collections)
    {
        /// <summary>The newest collection when it failed and the customer has not chosen again yet: the page says so first.</summary>
        public CollectionView? Failed => Collections.FirstOrDefault() is { AwaitingChoice: true } last ? last : null;
    }

    /// <summary>The customer's direct debit; null when there is no such customer.</summary>
    public async Task<View?> ViewAsync(long organisationId, string customerRef, CancellationToken ct = default) =>
        (await SnapshotAsync(organisationId, c => c.CustomerRef == customerRef, ct))?.View(Today);

    public async Task<View> ViewAsync(CustomerScope scope, CancellationToken ct = default) => (await PageAsync(scope, ct)).View;

    private async Task<View> ViewAsync(long organisationId, long customerId, CancellationToken ct) =>
        (await SnapshotAsync(organisationId, c => c.Id == customerId, ct))!.View(Today);

    /// <summary>What a customer's direct-debit pages show: the organisation's rules, the days on offer with the first
    /// collection each would bring, and the customer's mandate, day and next collection. One query.</summary>
    /// <param name="FirstPayment">Way A's first iDEAL payment: on the oldest open invoice, the organisation's amount (or less when less is due); null without an open invoice.</param>
    public sealed record CustomerPage(DirectDebitPolicy Policy, IReadOnlyList<DayOffer> Days, View View, FirstPaymentOffer? FirstPayment);

    public sealed record FirstPaymentOffer(long InvoiceId, string InvoiceNumber, Money Amount);

    /// <summary>A day the customer may choose, with the date its first collection would be on.</summary>
    public sealed record DayOffer(int Day, DateOnly FirstCollection);

    public async Task<CustomerPage> PageAsync(CustomerScope scope, CancellationToken ct = default)
    {
        var snapshot = (await SnapshotAsync(scope.OrganisationId, c => c.Id == scope.CustomerId, ct))!;
        var today = Today;
        var oldest = snapshot.Invoices.Where(i => i.Currency == "EUR" && InvoiceMoney.DueMinor(i.TotalMinor, i.AmountPaidMinor) > 0)
            .OrderBy(i => i.DueDate).ThenBy(i => i.InvoiceNumber, StringComparer.Ordinal).FirstOrDefault();
        return new CustomerPage(snapshot.Policy,
            [.. snapshot.Policy.Days.Select(d => new DayOffer(d, CollectionCalendar.First(today, d, snapshot.Policy.LeadBusinessDays)))],
            snapshot.View(today),
            oldest is null ? null : new FirstPaymentOffer(oldest.Id, oldest.InvoiceNumber,
                Money.FromMinor(Math.Min(snapshot.Policy.FirstPaymentMinor, InvoiceMoney.DueMinor(oldest.TotalMinor, oldest.AmountPaidMinor)), "EUR")));
    }

    private sealed record InvoiceRow(long Id, string InvoiceNumber, DateOnly DueDate, string Currency, long TotalMinor, long AmountPaidMinor);

    private sealed record MandateRow(long Id, MandateStatus Status, string IbanMasked, string AccountHolder, string Reference, MandateSource Source,
        DateOnly SignatureDate);

    private sealed record CollectionRow(DateOnly Date, long AmountMinor, string Currency, CollectionStatus Status, string? BankReasonCode, bool RetryAllowed);

    private sealed record Snapshot(string CustomerRef, int? CollectionDay, DirectDebitPolicy Policy, MandateView? Mandate, IReadOnlyList<InvoiceRow> Invoices,
        IReadOnlyList<CollectionRow> Collections)
    {
        public View View(DateOnly today) => new(CustomerRef, Mandate, CollectionDay,
            Mandate is { Status: MandateStatus.Valid } && CollectionDay is { } day ? Next(Invoices, today, day, Policy.LeadBusinessDays) : null,
            [.. Collections.GroupBy(c => c.Date).OrderByDescending(g => g.Key).Take(24)
                .Select(g => new CollectionView(g.Key, g.Sum(c => c.AmountMinor), g.First().Currency, Worst(g), g.Select(c => c.BankReasonCode).FirstOrDefault(r => r is not null),
                    g.Any(c => c.Status is CollectionStatus.Failed or CollectionStatus.ChargedBack && !c.RetryAllowed)))]);

        // One date holds the customer's invoices together (one debit): its worst outcome speaks for the date.
        private static CollectionStatus Worst(IEnumerable<CollectionRow> rows) =>
            rows.Select(r => r.Status).OrderByDescending(s => s switch { CollectionStatus.ChargedBack => 5, CollectionStatus.Failed => 4,
                CollectionStatus.Submitted => 3, CollectionStatus.Planned => 2, CollectionStatus.Paid => 1, _ => 0 }).First();
    }

    /// <summary>The customer, their current mandate, their organisation's rules and their payable invoices, in one round trip.</summary>
    private async Task<Snapshot?> SnapshotAsync(long organisationId, System.Linq.Expressions.Expression<Func<Domain.Customers.Customer, bool>> which,
        CancellationToken ct)
    {
        var row = await db.Customers.AsNoTracking().Where(c => c.OrganisationId == organisationId).Where(which)
            .Join(db.Organisations, c => c.OrganisationId, o => o.Id, (c, o) => new
            {
                c.CustomerRef,
                c.CollectionDay,
                o.DirectDebitEnabled, o.CollectionDays, o.PreNotificationLeadDays, o.FirstPaymentMinor, o.CreditorId,
                Mandates = db.Mandates.Where(m => m.CustomerId == c.Id && m.Status != MandateStatus.Revoked).OrderByDescending(m => m.Id).Take(1)
                    .Select(m => new MandateRow(m.Id, m.Status, m.IbanMasked, m.AccountHolder, m.Reference, m.Source, m.SignatureDate)).ToList(),
                // A payment plan's invoices are collected by its terms, not in the customer's ordinary collections; a disputed one waits.
                Invoices = db.Invoices.Where(InvoiceMoney.Payable).Where(i => i.CustomerId == c.Id
                        && !db.Arrangements.Where(Domain.Arrangements.Arrangement.Pausing).SelectMany(a => a.Invoices).Any(ai => ai.InvoiceId == i.Id)
                        && !db.Questions.Where(Domain.Questions.Question.Disputing).Any(q => q.InvoiceId == i.Id)
                        && !db.HardshipRegistrations.Any(h => h.CustomerId == i.CustomerId && h.Status == Domain.Hardship.HardshipStatus.Active))
                    .Select(i => new InvoiceRow(i.Id, i.InvoiceNumber, i.DueDate, i.Currency, i.TotalMinor, i.AmountPaidMinor)).ToList(),
                Collections = db.Collections.Where(x => x.CustomerId == c.Id).OrderByDescending(x => x.Date).Take(100)
                    .Select(x => new CollectionRow(x.Date, x.AmountMinor, x.Currency, x.Status, x.BankReasonCode, x.RetryAllowed)).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var policy = new DirectDebitPolicy(row.DirectDebitEnabled,
            [.. row.CollectionDays.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => int.Parse(d, CultureInfo.InvariantCulture))],
            row.PreNotificationLeadDays, row.FirstPaymentMinor, row.CreditorId);
        var mandate = row.Mandates.Select(m => new MandateView(m.Status, m.IbanMasked, m.AccountHolder, m.Reference, m.Source, m.SignatureDate)).FirstOrDefault();
        return new Snapshot(row.CustomerRef, row.CollectionDay, policy, mandate, row.Invoices, row.Collections);
    }

    /// <summary>
    /// What the next collection takes: every payable invoice goes into the first collection on or after its due
    /// date that can still be announced in time; the next collection is the earliest of those.
    /// </summary>
    private static NextCollection? Next(IReadOnlyList<InvoiceRow> invoices, DateOnly today, int day, int lead)
    {
        var dated = invoices.Where(i => i.Currency == "EUR" && InvoiceMoney.DueMinor(i.TotalMinor, i.AmountPaidMinor) > 0)
            .Select(i => (Invoice: i, Date: CollectionCalendar.ForInvoice(i.DueDate, today, day, lead))).ToList();
        if (dated.Count == 0) return null;
        var first = dated.Min(d => d.Date);
        var taken = dated.Where(d => d.Date == first).OrderBy(d => d.Invoice.InvoiceNumber, StringComparer.Ordinal).ToList();
        return new NextCollection(first, taken.Sum(d => InvoiceMoney.DueMinor(d.Invoice.TotalMinor, d.Invoice.AmountPaidMinor)), "EUR",
            [.. taken.Select(d => d.Invoice.InvoiceNumber)]);
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private IQueryable<Mandate> CurrentMandate(long customerId) =>
        db.Mandates.Where(m => m.CustomerId == customerId && m.Status != MandateStatus.Revoked).OrderByDescending(m => m.Id);

    /// <summary>How the API and the events name a mandate's status and source.</summary>
    public static string StatusName(MandateStatus status) => status switch
    {
        MandateStatus.Pending => "pending",
        MandateStatus.Valid => "valid",
        _ => "revoked",
    };

    public static string SourceName(MandateSource source) => source switch
    {
        MandateSource.Erp => "erp",
        MandateSource.Iban => "iban",
        _ => "firstPayment",
    };
}
