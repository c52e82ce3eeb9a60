using Microsoft.EntityFrameworkCore;
using Portal.Domain.Customers;
using Portal.Domain.Messages;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Customers;

/// <summary>Creates and updates customers by the ERP's own reference.</summary>
public class CustomerService(PortalDbContext db, TimeProvider clock, AuditTrail audit)
{
    /// <param name="preferredChannel">Null leaves the stored preference as it is (the ERP need not send it every time).</param>
    public Task<UpsertOutcome> UpsertAsync(long organisationId, string customerRef, CustomerDetails details, string actor,
        CancellationToken ct = default, MessageChannel? preferredChannel = null) =>
        ConcurrentInsert.RetryOnceAsync(db, () => UpsertOnceAsync(organisationId, customerRef, details, actor, preferredChannel, ct));

    private async Task<UpsertOutcome> UpsertOnceAsync(long organisationId, string customerRef, CustomerDetails details, string actor,
        MessageChannel? preferredChannel, CancellationToken ct)
    {
        await using var transaction = await db.BeginWriteAsync(organisationId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.OrganisationId == organisationId && c.CustomerRef == customerRef, ct);
        UpsertOutcome outcome;
        if (customer is null)
        {
            db.Customers.Add(customer = new Customer(organisationId, customerRef, details, now));
            customer.SetPreferredChannel(preferredChannel, now);
            outcome = UpsertOutcome.Created;
        }
        else
        {
            var changed = customer.UpdateFromErp(details, preferredChannel, now);
            outcome = changed ? UpsertOutcome.Updated : UpsertOutcome.Unchanged;
        }
        if (outcome != UpsertOutcome.Unchanged)
        {
            audit.Append(organisationId, actor, outcome == UpsertOutcome.Created ? "customer.created" : "customer.updated",
                "customer", customerRef, "ok");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return outcome;
    }

    public Task<CustomerView?> GetAsync(long organisationId, string customerRef, CancellationToken ct = default) =>
        db.Customers.AsNoTracking()
            .Where(c => c.OrganisationId == organisationId && c.CustomerRef == customerRef)
            .Select(c => new CustomerView(c.CustomerRef, c.Name, c.Email, c.Phone, c.Language, c.Address, c.UpdatedAtUtc, c.PreferredChannel))
            .FirstOrDefaultAsync(ct);
}

public record CustomerView(string CustomerRef, string Name, string? Email, string? Phone, string? Language, Address? Address, DateTime UpdatedAtUtc,
    MessageChannel? PreferredChannel = null);
