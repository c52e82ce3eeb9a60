using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Callbacks;
using Portal.Domain.Events;
using Portal.Domain.Messages;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Messages;

namespace Portal.Infrastructure.Callbacks;

/// <summary>A call-back as the customer's pages and the API show it: its slot on the organisation's clock.</summary>
public sealed record CallbackView(long Key, Guid Id, string CustomerRef, CallbackStatus Status, CallbackTopic Topic, string Phone, string? Language,
    DateTimeOffset SlotStart, DateTimeOffset SlotEnd, string? Outcome, DateTime CreatedAtUtc);

/// <summary>What the call-back pages need in one query: the customer's number on file, the call-back they have waiting, and the free slots.</summary>
public sealed record CallbackOffer(string? PhoneOnFile, CallbackView? Current, IReadOnlyList<CallbackSlot> Slots);

/// <summary>
/// Call-backs for one organisation's customers: its slots, booking one (never more customers in a slot than it takes,
/// also when many book its last place at once: the count and the booking happen under the organisation's lock),
/// moving or cancelling it, and the organisation's list and outcome. Each step is one transaction with its audit record
/// (which names the slot, never the number), its event for the ERP and, on booking, a message to the customer.
/// </summary>
public class CallbackService(PortalDbContext db, TimeProvider clock, AuditTrail audit, MessageService messages)
{
    public enum Outcome { Booked, Moved, Full, NotOffered }

    public static readonly IReadOnlyDictionary<string, CallbackTopic> Topics = new Dictionary<string, CallbackTopic>
    {
        ["payment"] = CallbackTopic.Payment, ["payment-plan"] = CallbackTopic.PaymentPlan, ["invoice"] = CallbackTopic.Invoice, ["other"] = CallbackTopic.Other,
    };

    public static readonly IReadOnlyDictionary<string, CallbackStatus> Statuses = new Dictionary<string, CallbackStatus>
    {
        ["requested"] = CallbackStatus.Requested, ["done"] = CallbackStatus.Done, ["cancelled"] = CallbackStatus.Cancelled,
    };

    public static string TopicName(CallbackTopic topic) => Topics.First(t => t.Value == topic).Key;

    public static string StatusName(CallbackStatus status) => Statuses.First(s => s.Value == status).Key;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<CallbackSettings> SettingsAsync(long organisationId, CancellationToken ct = default) =>
        CallbackSettings.FromJson(await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.CallbackSettingsJson).FirstAsync(ct));

    public async Task SetSettingsAsync(long organisationId, CallbackSettings settings, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var organisation = await db.Organisations.FirstAsync(o => o.Id == organisationId, ct);
        if (!organisation.SetCallbackSettings(settings)) return;
        audit.Append(organisationId, actor, "organisation.callback_settings_changed", "organisation", organisationId.ToString(CultureInfo.InvariantCulture),
            FormattableString.Invariant($"{(settings.Enabled ? "on" : "off")}, {settings.SlotMinutes} min x{settings.CapacityPerSlot}, lead {settings.LeadMinutes} min, {settings.TimeZone}"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The customer's number, their waiting call-back and the slots with room, in one query (the settings come with the page's brand).</summary>
    public async Task<CallbackOffer> OfferAsync(CustomerScope scope, CallbackSettings settings, CancellationToken ct = default)
    {
        var now = Now;
        var row = await db.Customers.AsNoTracking().Where(c => c.Id == scope.CustomerId && c.OrganisationId == scope.OrganisationId)
            .Select(c => new
            {
                c.Phone,
                c.CustomerRef,
                Current = db.CallbackRequests.Where(r => r.CustomerId == c.Id && r.Status == CallbackStatus.Requested).OrderByDescending(r => r.Id).FirstOrDefault(),
                Taken = db.CallbackRequests.Where(r => r.OrganisationId == c.OrganisationId && r.Status == CallbackStatus.Requested && r.SlotStartUtc > now)
                    .Select(r => r.SlotStartUtc).ToList(),
            }).FirstAsync(ct);
        var taken = row.Taken.GroupBy(t => t).ToDictionary(g => DateTime.SpecifyKind(g.Key, DateTimeKind.Utc), g => g.Count());
        var current = row.Current is { } r ? View(r, row.CustomerRef, settings.Zone) : null;
        return new CallbackOffer(row.Phone, current, CallbackSlots.Offer(settings, now, taken));
    }

    /// <summary>
    /// Books the slot starting at <paramref name="startUtc"/> for the customer, or moves their waiting call-back to it.
    /// The settings are read again here (the page may be old); a slot they no longer offer, or one that is full, is refused.
    /// </summary>
    public async Task<(Outcome Outcome, CallbackView? Callback)> BookAsync(CustomerScope scope, CallbackTopic topic, string phone, string? language,
        DateTime startUtc, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(scope.OrganisationId, ct);
        var now = Now;
        var settings = await SettingsAsync(scope.OrganisationId, ct);
        if (CallbackSlots.Find(settings, now, DateTime.SpecifyKind(startUtc, DateTimeKind.Utc)) is not { } slot) return (Outcome.NotOffered, null);
        var current = await db.CallbackRequests.FirstOrDefaultAsync(r => r.CustomerId == scope.CustomerId && r.OrganisationId == scope.OrganisationId
            && r.Status == CallbackStatus.Requested, ct);
        var currentId = current?.Id ?? 0;
        var taken = await db.CallbackRequests.CountAsync(r => r.OrganisationId == scope.OrganisationId && r.Status == CallbackStatus.Requested
            && r.SlotStartUtc == slot.StartUtc && r.Id != currentId, ct);
        if (taken >= settings.CapacityPerSlot) return (Outcome.Full, null);

        var moved = current is not null;
        var callback = current ?? new CallbackRequest(Guid.NewGuid(), scope.OrganisationId, scope.CustomerId, topic, phone, language, slot, now);
        if (moved) callback.Move(topic, phone, language, slot);
        else db.CallbackRequests.Add(callback);
        var customerRef = await db.Customers.Where(c => c.Id == scope.CustomerId).Select(c => c.CustomerRef).FirstAsync(ct);
        var view = View(callback, customerRef, settings.Zone);
        audit.Append(scope.OrganisationId, scope.Actor, moved ? "callback.changed" : "callback.requested", "callback", callback.PublicId.ToString(),
            FormattableString.Invariant($"{TopicName(topic)}, slot {view.SlotStart:O}"));
        Emit(scope.OrganisationId, view, moved ? EventCatalogue.CallbackChanged : EventCatalogue.CallbackRequested, now);
        await messages.PrepareAsync(scope.OrganisationId, customerRef, new MessageService.Request(MessageKind.CallbackConfirmation,
            Date: DateOnly.FromDateTime(view.SlotStart.DateTime), Time: FormattableString.Invariant($"{view.SlotStart:HH:mm}–{view.SlotEnd:HH:mm}"),
            // Each booking and move is told once: a move back to an earlier slot is a new confirmation.
            CauseKey: $"callback:{callback.PublicId}:{Guid.NewGuid():N}"), "portal", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (moved ? Outcome.Moved : Outcome.Booked, view);
    }

    /// <summary>The customer cancels their waiting call-back; false when there is none.</summary>
    public async Task<bool> CancelAsync(CustomerScope scope, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(scope.OrganisationId, ct);
        var callback = await db.CallbackRequests.FirstOrDefaultAsync(r => r.CustomerId == scope.CustomerId && r.OrganisationId == scope.OrganisationId
            && r.Status == CallbackStatus.Requested, ct);
        var now = Now;
        if (callback is null || !callback.Cancel(now)) return false;
        var customerRef = await db.Customers.Where(c => c.Id == scope.CustomerId).Select(c => c.CustomerRef).FirstAsync(ct);
        var view = View(callback, customerRef, (await SettingsAsync(scope.OrganisationId, ct)).Zone);
        audit.Append(scope.OrganisationId, scope.Actor, "callback.cancelled", "callback", callback.PublicId.ToString(), FormattableString.Invariant($"slot {view.SlotStart:O}"));
        Emit(scope.OrganisationId, view, EventCatalogue.CallbackCancelled, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>The organisation's list, newest first; <paramref name="from"/> and <paramref name="to"/> bound the slot's start.</summary>
    public async Task<(IReadOnlyList<CallbackView> Items, long? NextKey)> ListAsync(long organisationId, CallbackStatus? status, DateTime? from, DateTime? to,
        long? beforeKey, int limit, CancellationToken ct = default)
    {
        var query = db.CallbackRequests.AsNoTracking().Where(r => r.OrganisationId == organisationId);
        if (status is { } s) query = query.Where(r => r.Status == s);
        if (from is { } f) query = query.Where(r => r.SlotStartUtc >= f);
        if (to is { } t) query = query.Where(r => r.SlotStartUtc < t);
        if (beforeKey is { } before) query = query.Where(r => r.Id < before);
        var zone = (await SettingsAsync(organisationId, ct)).Zone;
        var rows = await query.OrderByDescending(r => r.Id).Take(limit + 1)
            .Select(r => new { Callback = r, CustomerRef = db.Customers.Where(c => c.Id == r.CustomerId).Select(c => c.CustomerRef).First() }).ToListAsync(ct);
        var views = rows.Select(r => View(r.Callback, r.CustomerRef, zone)).ToList();
        return (views.Take(limit).ToList(), views.Count > limit ? views[limit - 1].Key : null);
    }

    public async Task<CallbackView?> GetAsync(long organisationId, Guid id, CancellationToken ct = default)
    {
        var row = await db.CallbackRequests.AsNoTracking().Where(r => r.OrganisationId == organisationId && r.PublicId == id)
            .Select(r => new { Callback = r, CustomerRef = db.Customers.Where(c => c.Id == r.CustomerId).Select(c => c.CustomerRef).First() }).FirstOrDefaultAsync(ct);
        return row is null ? null : View(row.Callback, row.CustomerRef, (await SettingsAsync(organisationId, ct)).Zone);
    }

    /// <summary>The organisation called: the call-back is done, with what came of it. Null: no such call-back; false: it was not waiting.</summary>
    public async Task<(bool? Done, CallbackView? Callback)> DoneAsync(long organisationId, Guid id, string? outcome, string actor, CancellationToken ct = default)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var callback = await db.CallbackRequests.FirstOrDefaultAsync(r => r.OrganisationId == organisationId && r.PublicId == id, ct);
        if (callback is null) return (null, null);
        var customerRef = await db.Customers.Where(c => c.Id == callback.CustomerId).Select(c => c.CustomerRef).FirstAsync(ct);
        var zone = (await SettingsAsync(organisationId, ct)).Zone;
        if (!callback.MarkDone(outcome, Now)) return (false, View(callback, customerRef, zone));
        audit.Append(organisationId, actor, "callback.done", "callback", callback.PublicId.ToString(), outcome is null ? "done" : "done, with an outcome");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (true, View(callback, customerRef, zone));
    }

    private void Emit(long organisationId, CallbackView view, EventType<CallbackEventData> type, DateTime now) =>
        db.OutboxEvents.Add(OutboxEvent.Create(organisationId, type,
            new CallbackEventData(view.Id, view.CustomerRef, StatusName(view.Status), TopicName(view.Topic), view.Phone, view.Language, view.SlotStart, view.SlotEnd), now));

    private static CallbackView View(CallbackRequest r, string customerRef, TimeZoneInfo zone) =>
        new(r.Id, r.PublicId, customerRef, r.Status, r.Topic, r.Phone, r.Language, Local(r.SlotStartUtc, zone), Local(r.SlotEndUtc, zone), r.Outcome,
            r.CreatedAtUtc);

    private static DateTimeOffset Local(DateTime utc, TimeZoneInfo zone)
    {
        var at = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeFromUtc(at, zone), zone.GetUtcOffset(at));
    }
}
