using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Arrangements;
using Portal.Domain.DirectDebit;
using Portal.Domain.Events;
using Portal.Domain.Invoices;
using Portal.Domain.Messages;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Messages;

namespace Portal.Infrastructure.Arrangements;

/// <summary>
/// Payment plans for one organisation's customers: its policy, what a customer may set up, agreeing to a plan (at once
/// inside the policy, otherwise as a request), and the organisation's answers. Each step is one transaction with its
/// audit record, its event for the ERP and its message to the customer.
/// </summary>
public partial class ArrangementService(PortalDbContext db, TimeProvider clock, AuditTrail audit, MessageService messages)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<ArrangementPolicy> PolicyAsync(long organisationId, CancellationToken ct = default) =>
        (await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == organisationId, ct)).ArrangementPolicy;

    public async Task SetPolicyAsync(long organisationId, ArrangementPolicy policy, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var organisation = await db.Organisations.FirstAsync(o => o.Id == organisationId, ct);
        if (!organisation.SetArrangementPolicy(policy)) return;
        audit.Append(organisationId, actor, "organisation.arrangement_policy_changed", "organisation", organisationId.ToString(CultureInfo.InvariantCulture),
            FormattableString.Invariant($"{(policy.Enabled ? "on" : "off")}, terms {policy.MinimumTermMinor}+ x{policy.MaximumTerms}, months {policy.MaximumMonths}, ")
            + FormattableString.Invariant($"total {policy.MaximumTotalMinor}, down {policy.MinimumDownPaymentPercent}%, approve {policy.ApproveWithinPolicy}"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// What the customer may set up now under these rules, in one query (a page has the rules with its brand): the
    /// customer's direct-debit facts, their last broken plan, whether a plan runs or waits, and the invoices a plan can take.
    /// </summary>
    public async Task<ArrangementOffer> OfferAsync(CustomerScope scope, ArrangementPolicy policy, DirectDebitPolicy directDebit, CancellationToken ct = default)
    {
        var (customerId, payLinkId) = (scope.CustomerId, scope.PayLinkId);
        var row = await db.Customers.AsNoTracking().Where(c => c.Id == customerId && c.OrganisationId == scope.OrganisationId)
            .Select(c => new
            {
                c.CollectionDay,
                HasMandate = db.Mandates.Any(m => m.CustomerId == c.Id && m.Status == MandateStatus.Valid),
                LastBroken = db.Arrangements.Where(a => a.CustomerId == c.Id && a.Status == ArrangementStatus.Broken).Max(a => a.EndedAtUtc),
                Running = db.Arrangements.Where(Arrangement.Pausing).Any(a => a.CustomerId == c.Id),
                Invoices = db.Invoices.Where(i => i.CustomerId == c.Id && (i.Status == InvoiceStatus.Open || i.Status == InvoiceStatus.PartiallyPaid)
                        && i.Currency == "EUR"
                        && (!db.Set<Domain.PayLinks.PayLinkInvoice>().Any(p => p.PayLinkId == payLinkId)
                            || db.Set<Domain.PayLinks.PayLinkInvoice>().Any(p => p.PayLinkId == payLinkId && p.InvoiceId == i.Id))
                        && !db.Arrangements.Where(Arrangement.Pausing).SelectMany(a => a.Invoices).Any(ai => ai.InvoiceId == i.Id))
                    .OrderBy(i => i.DueDate).ThenBy(i => i.InvoiceNumber)
                    .Select(i => new { i.Id, i.InvoiceNumber, i.Description, i.DueDate, i.TotalMinor, i.AmountPaidMinor, i.Currency }).ToList(),
            }).FirstAsync(ct);
        return new ArrangementOffer(policy, directDebit,
            [.. row.Invoices.Select(i => new PlanInvoice(i.Id, i.InvoiceNumber, i.Description, i.DueDate, InvoiceMoney.DueMinor(i.TotalMinor, i.AmountPaidMinor),
                i.AmountPaidMinor, i.Currency)).Where(i => i.DueMinor > 0)],
            row.HasMandate, row.CollectionDay, row.LastBroken is { } broken ? DateOnly.FromDateTime(broken) : null, Today, row.Running);
    }

    /// <summary>
    /// The invoices a plan pauses: those of a plan that runs or waits for an answer. They get no reminder and no ordinary
    /// direct-debit collection; a plan's terms are collected instead. Which plans pause is <see cref="Arrangement.Pausing"/>;
    /// a compiled query, which cannot call this, writes the same <c>Where(Arrangement.Pausing).SelectMany(a => a.Invoices)</c>.
    /// </summary>
    public static IQueryable<long> PausedInvoiceIds(PortalDbContext db) =>
        db.Arrangements.Where(Arrangement.Pausing).SelectMany(a => a.Invoices).Select(ai => ai.InvoiceId);

    public sealed record AgreeResult(Arrangement? Plan, string? Error);

    /// <summary>
    /// The customer agrees to the plan their choices make. It is made again here from what is stored now (the page may
    /// be old), inside the organisation's lock, so an invoice is never in two plans. <paramref name="evidence"/> is the
    /// plan as the customer saw it, in plain text; it is kept with the plan and in the audit trail.
    /// </summary>
    public async Task<AgreeResult> AgreeAsync(CustomerScope scope, ArrangementChoice choice, string evidence, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(scope.OrganisationId, ct);
        // The rules as stored now, not as the page's kept brand had them.
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == scope.OrganisationId, ct);
        var offer = await OfferAsync(scope, organisation.ArrangementPolicy, organisation.DirectDebitPolicy, ct);
        if (!offer.Policy.Enabled) return new(null, "disabled");
        if (offer.Running) return new(null, "running");
        if (choice.InvoiceNumbers.Except(offer.Invoices.Select(i => i.Number)).Any()) return new(null, "changed");
        if (offer.Propose(choice) is not { } proposal) return new(null, "incomplete");
        var now = clock.GetUtcNow().UtcDateTime;
        var customerRef = await db.Customers.Where(c => c.Id == scope.CustomerId).Select(c => c.CustomerRef).FirstAsync(ct);
        var plan = new Arrangement(Guid.NewGuid(), scope.OrganisationId, scope.CustomerId, proposal.Currency, proposal.PaidBy, proposal.Day,
            [.. proposal.Invoices.Select(i => (i.Id, i.DueMinor, i.PaidMinor))], proposal.Terms, proposal.Decision,
            FormattableString.Invariant($"Agreed on the pay link ({scope.Actor}) at {now:O}.\n") + evidence, now);
        db.Arrangements.Add(plan);
        var numbers = proposal.Invoices.Select(i => i.Number).ToList();
        var agreed = plan.Status == ArrangementStatus.Active;
        audit.Append(scope.OrganisationId, scope.Actor, agreed ? "arrangement.created" : "arrangement.requested", "arrangement", plan.PublicId.ToString(),
            Digest(plan.Evidence));
        Emit(plan, customerRef, numbers, agreed ? EventCatalogue.ArrangementCreated : EventCatalogue.ArrangementRequested, now);
        await messages.PrepareAsync(scope.OrganisationId, customerRef, new MessageService.Request(
            agreed ? MessageKind.ArrangementConfirmation : MessageKind.ArrangementRequested, AmountMinor: plan.TotalMinor, Terms: Planned(plan),
            CauseKey: "arrangement:" + plan.PublicId), "portal", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(plan, null);
    }

    /// <summary>The customer accepts the organisation's counter-proposal as shown to them.</summary>
    public async Task<bool> AcceptAsync(CustomerScope scope, Guid id, string evidence, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(scope.OrganisationId, ct);
        var plan = await Tracked(scope.OrganisationId).FirstOrDefaultAsync(a => a.PublicId == id && a.CustomerId == scope.CustomerId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (plan is null || !plan.Accept(FormattableString.Invariant($"Accepted on the pay link ({scope.Actor}) at {now:O}.\n") + evidence, now)) return false;
        var (customerRef, numbers) = await FactsAsync(plan, ct);
        audit.Append(scope.OrganisationId, scope.Actor, "arrangement.accepted", "arrangement", plan.PublicId.ToString(), Digest(plan.AcceptedEvidence!));
        Emit(plan, customerRef, numbers, EventCatalogue.ArrangementCreated, now);
        await messages.PrepareAsync(scope.OrganisationId, customerRef, new MessageService.Request(MessageKind.ArrangementConfirmation,
            AmountMinor: plan.TotalMinor, Terms: Planned(plan), CauseKey: "arrangement-accepted:" + plan.PublicId), "portal", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private IQueryable<Arrangement> Tracked(long organisationId) =>
        db.Arrangements.Include(a => a.Terms).Include(a => a.Invoices).Where(a => a.OrganisationId == organisationId);

    private async Task<(string CustomerRef, List<string> Numbers)> FactsAsync(Arrangement plan, CancellationToken ct)
    {
        var customerRef = await db.Customers.Where(c => c.Id == plan.CustomerId).Select(c => c.CustomerRef).FirstAsync(ct);
        var ids = plan.Invoices.Select(i => i.InvoiceId).ToList();
        var numbers = await db.Invoices.Where(i => ids.Contains(i.Id)).OrderBy(i => i.InvoiceNumber).Select(i => i.InvoiceNumber).ToListAsync(ct);
        return (customerRef, numbers);
    }

    internal static IReadOnlyList<PlannedTerm> Planned(Arrangement plan) =>
        [.. plan.Terms.OrderBy(t => t.Number).Select(t => new PlannedTerm(t.Number, t.DueDate, t.AmountMinor, t.DownPayment))];

    private void Emit(Arrangement plan, string customerRef, IReadOnlyList<string> numbers, EventType<ArrangementEventData> type, DateTime now) =>
        db.OutboxEvents.Add(OutboxEvent.Create(plan.OrganisationId, type, EventData(plan, customerRef, numbers), now));

    internal static ArrangementEventData EventData(Arrangement plan, string customerRef, IReadOnlyList<string> numbers) =>
        new(plan.PublicId, customerRef, StatusName(plan.Status), numbers, Money.FromMinor(plan.TotalMinor, plan.Currency).Amount, plan.Currency,
            PaidByName(plan.PaidBy), plan.Terms.Count, ReasonNames(plan.OutsidePolicy), plan.Reason);

    /// <summary>The evidence's SHA-256 in the audit record: the chain then proves the stored text was not changed afterwards.</summary>
    private static string Digest(string evidence) =>
        "evidence sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(evidence)));

    /// <summary>A plan's status as the API names it (and reads it back in the list's filter).</summary>
    public static string StatusName(ArrangementStatus status) => status switch
    {
        ArrangementStatus.Requested => "requested",
        ArrangementStatus.Active => "active",
        ArrangementStatus.Rejected => "rejected",
        ArrangementStatus.Broken => "broken",
        ArrangementStatus.Completed => "completed",
        _ => "cancelled",
    };

    /// <summary>The API's status names to the statuses, for the list's <c>status</c> filter.</summary>
    public static readonly IReadOnlyDictionary<string, ArrangementStatus> Statuses =
        Enum.GetValues<ArrangementStatus>().ToDictionary(StatusName, StringComparer.Ordinal);

    public static string PaidByName(PaidBy paidBy) => paidBy == PaidBy.DirectDebit ? "directDebit" : "payLink";

    public static string TermStatusName(TermStatus status) => status.ToString().ToLowerInvariant();

    public static IReadOnlyList<string> ReasonNames(string stored) =>
        [.. stored.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => char.ToLowerInvariant(r[0]) + r[1..])];
}
