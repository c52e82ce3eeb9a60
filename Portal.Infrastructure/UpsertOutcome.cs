namespace Portal.Infrastructure;

/// <summary>What an upsert by the ERP's own key did.</summary>
public enum UpsertOutcome
{
    Created,
    Updated,
    Unchanged,
    Rejected,
}
