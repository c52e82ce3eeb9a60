using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Domain.ApiKeys;
using Portal.Domain.Audit;
using Portal.Domain.Customers;
using Portal.Domain.Invoices;
using Portal.Domain.Organisations;
using Portal.Domain.PayLinks;
using Portal.Domain.Payments;
using Portal.Domain.Events;
using Portal.Domain.Messages;

namespace Portal.Infrastructure.Database;

/// <summary>The unit of work for everything Portal stores, the Identity stores included.</summary>
public class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<InvoiceLine> InvoiceLines => Set<InvoiceLine>();
    public DbSet<PayLink> PayLinks => Set<PayLink>();
    public DbSet<LetterCodeAttempt> LetterCodeAttempts => Set<LetterCodeAttempt>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<CustomerCredit> CustomerCredits => Set<CustomerCredit>();
    public DbSet<OutboxEvent> OutboxEvents => Set<OutboxEvent>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<MessageAttempt> MessageAttempts => Set<MessageAttempt>();
    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();
    public DbSet<Portal.Domain.DirectDebit.Mandate> Mandates => Set<Portal.Domain.DirectDebit.Mandate>();
    public DbSet<Portal.Domain.DirectDebit.Collection> Collections => Set<Portal.Domain.DirectDebit.Collection>();
    public DbSet<Portal.Domain.Arrangements.Arrangement> Arrangements => Set<Portal.Domain.Arrangements.Arrangement>();
    public DbSet<Portal.Domain.Arrangements.ArrangementTerm> ArrangementTerms => Set<Portal.Domain.Arrangements.ArrangementTerm>();
    public DbSet<Portal.Domain.Arrangements.ArrangementInvoice> ArrangementInvoices => Set<Portal.Domain.Arrangements.ArrangementInvoice>();
    public DbSet<Portal.Domain.Promises.PaymentPromise> PaymentPromises => Set<Portal.Domain.Promises.PaymentPromise>();
    public DbSet<Portal.Domain.Hardship.HardshipRegistration> HardshipRegistrations => Set<Portal.Domain.Hardship.HardshipRegistration>();
    public DbSet<Portal.Domain.Questions.Question> Questions => Set<Portal.Domain.Questions.Question>();
    public DbSet<Portal.Domain.Callbacks.CallbackRequest> CallbackRequests => Set<Portal.Domain.Callbacks.CallbackRequest>();
    public DbSet<Portal.Domain.Verification.OneTimeCode> OneTimeCodes => Set<Portal.Domain.Verification.OneTimeCode>();
    public DbSet<Portal.Infrastructure.Idempotency.IdempotencyRecord> IdempotencyRecords => Set<Portal.Infrastructure.Idempotency.IdempotencyRecord>();

    /// <summary>
    /// Starts a use case that reads and then writes an organisation's data. Such use cases run one at a time
    /// per organisation (an advisory lock on PostgreSQL; SQLite transactions begin IMMEDIATE and hold its write
    /// lock), so two requests for the same invoice, or two audit appends, never interleave.
    /// </summary>
    public async Task<IDbContextTransaction> BeginWriteAsync(long? organisationId, CancellationToken ct = default)
    {
        var transaction = await Database.BeginTransactionAsync(ct);
        await LockOrganisationAsync(organisationId, ct);
        return transaction;
    }

    /// <summary>
    /// Starts a bulk import. Imports of one organisation run side by side (they share the organisation's lock on
    /// PostgreSQL) and meet only on the rows both touch, which each locks in the same sorted order; a use case of
    /// <see cref="BeginWriteAsync"/> still waits for them and they for it. SQLite has one writer at a time anyway.
    /// </summary>
    public async Task<IDbContextTransaction> BeginImportAsync(long organisationId, CancellationToken ct = default)
    {
        var transaction = await Database.BeginTransactionAsync(ct);
        if (Database.IsNpgsql()) await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({OrganisationLock}, {(int)organisationId})", ct);
        importTransaction = transaction;
        return transaction;
    }

    // The transaction BeginImportAsync started, only ever compared with the current one (a pooled context keeps it
    // after the import, when it can no longer be current).
    private IDbContextTransaction? importTransaction;

    private const int OrganisationLock = 7210001;
    private const int ImportChainLock = 7210002;

    /// <summary>Saves, and chains new audit records to the organisation's last stored record, under its lock.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RestampChangedOrganisations();
        var pending = ChangeTracker.Entries<AuditRecord>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (pending.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        // An import holds its organisation's lock shared, so its records take the chain's own lock instead: imports side
        // by side still append one after the other, and the commit follows at once, so it is held briefly.
        var importing = importTransaction is not null && Database.CurrentTransaction == importTransaction;
        foreach (var chain in pending.GroupBy(r => r.OrganisationId).OrderBy(g => g.Key))
        {
            await (importing ? LockAuditChainForImportAsync(chain.Key, cancellationToken) : LockOrganisationAsync(chain.Key, cancellationToken));
            var previous = await AuditRecords.AsNoTracking().Where(a => a.OrganisationId == chain.Key)
                .OrderByDescending(a => a.Id).Select(a => a.Hash).FirstOrDefaultAsync(cancellationToken) ?? AuditRecord.GenesisHash;
            foreach (var record in chain)
            {
                record.ChainTo(previous);
                previous = record.Hash;
            }
        }
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (own is not null) await own.CommitAsync(cancellationToken);
        return saved;
    }

    private async Task LockAuditChainForImportAsync(long? organisationId, CancellationToken ct)
    {
        if (Database.IsNpgsql()) await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ImportChainLock}, {(int)(organisationId ?? 0)})", ct);
    }

    private async Task LockOrganisationAsync(long? organisationId, CancellationToken ct)
    {
        if (!Database.IsNpgsql()) return;
        var key = (int)(organisationId ?? 0);
        await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({OrganisationLock}, {key})", ct);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (ChangeTracker.Entries<AuditRecord>().Any(e => e.State == EntityState.Added))
            throw new InvalidOperationException("Save audit records with SaveChangesAsync, which chains them.");
        RestampChangedOrganisations();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// Every saved change to an organisation gets a new <see cref="Organisation.Version"/>, here rather than in each
    /// method that changes one, so no change can leave customer pages showing a kept copy of the old brand. Random, not
    /// counted: two nodes saving at once cannot hand out the same stamp.
    /// </summary>
    private void RestampChangedOrganisations()
    {
        foreach (var entry in ChangeTracker.Entries<Organisation>())
            if (entry.State is EntityState.Added or EntityState.Modified)
                entry.Entity.Restamp(Random.Shared.NextInt64(1, long.MaxValue));
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
