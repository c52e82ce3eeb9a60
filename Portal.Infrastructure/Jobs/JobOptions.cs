using Portal.Infrastructure.Settings;

namespace Portal.Infrastructure.Jobs;

/// <summary><c>Portal:Jobs</c>: how often the worker's jobs run, and whether they share Quartz's clustered store.</summary>
public sealed class JobOptions : ICheckedOptions
{
    public const string Section = "Portal:Jobs";

    public TimeSpan ReconcilePaymentsEvery { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan DeliverWebhooksEvery { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan DeliverMessagesEvery { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>How often the direct-debit run plans and submits collections; each is planned and submitted once however often it runs.</summary>
    public TimeSpan RunCollectionsEvery { get; set; } = TimeSpan.FromHours(1);
    /// <summary>On PostgreSQL, keep the jobs in the clustered store in Portal's database; SQLite always keeps them in memory.</summary>
    public bool Clustered { get; set; } = true;

    public IEnumerable<string> Problems()
    {
        if (ReconcilePaymentsEvery <= TimeSpan.Zero)
            yield return $"{Section}:ReconcilePaymentsEvery is {ReconcilePaymentsEvery}; it must be a time span of more than zero, such as 00:02:00.";
        if (DeliverWebhooksEvery <= TimeSpan.Zero)
            yield return $"{Section}:DeliverWebhooksEvery is {DeliverWebhooksEvery}; it must be a time span of more than zero, such as 00:00:10.";
        if (DeliverMessagesEvery <= TimeSpan.Zero)
            yield return $"{Section}:DeliverMessagesEvery is {DeliverMessagesEvery}; it must be a time span of more than zero, such as 00:00:05.";
        if (RunCollectionsEvery <= TimeSpan.Zero)
            yield return $"{Section}:RunCollectionsEvery is {RunCollectionsEvery}; it must be a time span of more than zero, such as 01:00:00.";
    }
}
