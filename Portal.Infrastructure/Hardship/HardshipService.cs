using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Events;
using Portal.Domain.Hardship;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Hardship;

public sealed record HardshipView(long Key, Guid Id, string CustomerRef, HelperRole Role, string HelperName, string? HelperOrganisation, string HelperContact,
    HardshipStatus Status, string? EndReason, DateTime CreatedAtUtc, DateTime? EndedAtUtc);

/// <summary>
/// Customers who cannot pay: the organisation's help text, and the customer's word that a bewindvoerder or
/// schuldhulpverlener handles their money, which holds every invoice of theirs (no direct debit, no reminder) until the
/// organisation ends it. Audit records name the role, never the helper's contact.
/// </summary>
public class HardshipService(PortalDbContext db, TimeProvider clock, AuditTrail audit)
{
    public static readonly IReadOnlyDictionary<string, HelperRole> Roles = new Dictionary<string, HelperRole>
    {
        ["administrator"] = HelperRole.Administrator, ["debtCounsellor"] = HelperRole.DebtCounsellor,
    };

    public static readonly IReadOnlyDictionary<string, HardshipStatus> Statuses = new Dictionary<string, HardshipStatus>
    {
        ["active"] = HardshipStatus.Active, ["ended"] = HardshipStatus.Ended,
    };

    public static string RoleName(HelperRole role) => Roles.First(r => r.Value == role).Key;
    public static string StatusName(HardshipStatus status) => Statuses.First(s => s.Value == status).Key;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<HardshipHelp> HelpAsync(long organisationId, CancellationToken ct = default) =>
        HardshipHelp.FromJson(await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.HardshipHelpJson).FirstAsync(ct));

    public async Task SetHelpAsync(long organisationId, HardshipHelp help, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var organisation = await db.Organisations.FirstAsync(o => o.Id == organisationId, ct);
        if (!organisation.SetHardshipHelp(help)) return;
        audit.Append(organisationId, actor, "organisation.hardship_help_changed", "organisation", organisationId.ToString(CultureInfo.InvariantCulture),
            help.IsDefault ? "Portal's default" : $"own text, {help.Links.Count} link(s)");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The customer's active registration, if any, in one query.</summary>
    public async Task<HardshipView?> CurrentAsync(CustomerScope scope, CancellationToken ct = default) =>
        (await ViewsAsync(db.HardshipRegistrations.Where(h => h.OrganisationId == scope.OrganisationId && h.CustomerId == scope.CustomerId
            && h.Status == HardshipStatus.Active).OrderByDescending(h => h.Id).Take(1), ct)).FirstOrDefault();

    /// <summary>Registers the customer's helper; one that is active already is kept (and answered) instead of a second.</summary>
    public async Task<HardshipView> RegisterAsync(CustomerScope scope, HelperRole role, string name, string? organisationName, string contact,
        CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(scope.OrganisationId, ct);
        if (await CurrentAsync(scope, ct) is { } existing) return existing;
        var now = Now;
        var registration = new HardshipRegistration(Guid.NewGuid(), scope.OrganisationId, scope.CustomerId, role, name, organisationName, contact, now);
        db.HardshipRegistrations.Add(registration);
        var customerRef = await db.Customers.Where(c => c.Id == scope.CustomerId).Select(c => c.CustomerRef).FirstAsync(ct);
        audit.Append(scope.OrganisationId, scope.Actor, "hardship.registered", "hardship", registration.PublicId.ToString(), RoleName(role));
        Emit(registration, customerRef, EventCatalogue.HardshipRegistered, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return View(registration, customerRef);
    }

    public async Task<(IReadOnlyList<HardshipView> Items, long? NextKey)> ListAsync(long organisationId, HardshipStatus? status, string? customerRef,
        long? beforeKey, int limit, CancellationToken ct = default)
    {
        var query = db.HardshipRegistrations.Where(h => h.OrganisationId == organisationId);
        if (status is { } s) query = query.Where(h => h.Status == s);
        if (customerRef is not null) query = query.Where(h => db.Customers.Any(c => c.Id == h.CustomerId && c.CustomerRef == customerRef));
        if (beforeKey is { } before) query = query.Where(h => h.Id < before);
        var views = await ViewsAsync(query.OrderByDescending(h => h.Id).Take(limit + 1), ct);
        return (views.Take(limit).ToList(), views.Count > limit ? views[limit - 1].Key : null);
    }

    /// <summary>The organisation ends it: the customer's invoices are collected and reminded again. Null: no such registration; false: ended already.</summary>
    public async Task<(bool? Ended, HardshipView? View)> EndAsync(long organisationId, Guid id, string? reason, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var registration = await db.HardshipRegistrations.FirstOrDefaultAsync(h => h.OrganisationId == organisationId && h.PublicId == id, ct);
        if (registration is null) return (null, null);
        var customerRef = await db.Customers.Where(c => c.Id == registration.CustomerId).Select(c => c.CustomerRef).FirstAsync(ct);
        var now = Now;
        if (!registration.End(reason, now)) return (false, View(registration, customerRef));
        audit.Append(organisationId, actor, "hardship.ended", "hardship", registration.PublicId.ToString(), "ended");
        Emit(registration, customerRef, EventCatalogue.HardshipEnded, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (true, View(registration, customerRef));
    }

    private void Emit(HardshipRegistration h, string customerRef, EventType<HardshipEventData> type, DateTime now) =>
        db.OutboxEvents.Add(OutboxEvent.Create(h.OrganisationId, type, new HardshipEventData(h.PublicId, customerRef, RoleName(h.Role), h.HelperName,
            h.HelperOrganisation, h.HelperContact, StatusName(h.Status), h.EndReason), now));

    private async Task<List<HardshipView>> ViewsAsync(IQueryable<HardshipRegistration> registrations, CancellationToken ct) =>
        await registrations.AsNoTracking().Select(h => new HardshipView(h.Id, h.PublicId,
            db.Customers.Where(c => c.Id == h.CustomerId).Select(c => c.CustomerRef).First(), h.Role, h.HelperName, h.HelperOrganisation, h.HelperContact,
            h.Status, h.EndReason, h.CreatedAtUtc, h.EndedAtUtc)).ToListAsync(ct);

    private static HardshipView View(HardshipRegistration h, string customerRef) =>
        new(h.Id, h.PublicId, customerRef, h.Role, h.HelperName, h.HelperOrganisation, h.HelperContact, h.Status, h.EndReason, h.CreatedAtUtc, h.EndedAtUtc);
}
