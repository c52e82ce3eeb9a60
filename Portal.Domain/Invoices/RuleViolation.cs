namespace Portal.Domain.Invoices;

/// <summary>A broken business rule, naming the field (as the API calls it) that breaks it.</summary>
public record RuleViolation(string Field, string Message);
