using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Events;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Events;

/// <summary>
/// Queues each new event for each endpoint of its organisation, then sends what is due, signed per Standard
/// Webhooks. At least once: a receiver recognises a repeat by its webhook-id.
/// </summary>
public class WebhookDispatcher(PortalDbContext db, TimeProvider clock, IHttpClientFactory clients, IDataProtectionProvider protection)
    : Jobs.IScheduledWork
{
    Task Jobs.IScheduledWork.RunAsync(CancellationToken ct) => RunAsync(ct);

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        await QueueAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.WebhookDeliveries.Where(d => d.NextAttemptAtUtc != null && d.NextAttemptAtUtc <= now)
            .OrderBy(d => d.NextAttemptAtUtc).Take(100).ToListAsync(ct);
        var protector = protection.CreateProtector(WebhookEndpointService.ProtectorPurpose);
        var delivered = 0;
        foreach (var delivery in due)
        {
            var endpoint = await db.WebhookEndpoints.AsNoTracking().FirstAsync(e => e.Id == delivery.EndpointId, ct);
            if (endpoint.DeletedAtUtc is not null)
            {
                // Deleting an endpoint stops sending to it, retries included.
                delivery.Abandon("endpoint deleted", clock.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(ct);
                continue;
            }
            var evt = await db.OutboxEvents.AsNoTracking().FirstAsync(e => e.Id == delivery.EventId, ct);
            var body = JsonSerializer.Serialize(new
            {
                id = evt.Id.ToString(CultureInfo.InvariantCulture),
                type = evt.Type,
                occurredAt = DateTime.SpecifyKind(evt.OccurredAtUtc, DateTimeKind.Utc),
                data = JsonDocument.Parse(evt.PayloadJson).RootElement,
            });
            var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("webhook-id", delivery.WebhookId);
            request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", WebhookSignature.Sign(protector.Unprotect(endpoint.ProtectedSecret), delivery.WebhookId, timestamp, body));
            try
            {
                using var response = await clients.CreateClient(WebhookOptions.ClientName).SendAsync(request, ct);
                var status = (int)response.StatusCode;
                if (status is >= 200 and < 300)
                {
                    delivery.Succeeded(status, clock.GetUtcNow().UtcDateTime);
                    delivered++;
                }
                else delivery.Failed($"HTTP {status}", clock.GetUtcNow().UtcDateTime, Random.Shared.NextDouble());
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                delivery.Failed(e.Message, clock.GetUtcNow().UtcDateTime, Random.Shared.NextDouble());
            }
            await db.SaveChangesAsync(ct);
        }
        return delivered;
    }

    private async Task QueueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var endpoint in await db.WebhookEndpoints.Where(e => e.DeletedAtUtc == null).ToListAsync(ct))
        {
            var events = await db.OutboxEvents.AsNoTracking().Where(e => e.OrganisationId == endpoint.OrganisationId && e.Id > endpoint.LastQueuedEventId)
                .OrderBy(e => e.Id).Take(1000).Select(e => e.Id).ToListAsync(ct);
            if (events.Count == 0) continue;
            db.WebhookDeliveries.AddRange(events.Select(id => new WebhookDelivery(endpoint.Id, id, now)));
            endpoint.Queued(events[^1]);
        }
        await db.SaveChangesAsync(ct);
    }
}
