namespace Portal.Infrastructure.Database;

/// <summary>One ASP.NET Core Data Protection key, kept in the database so every node reads every cookie.</summary>
public class DataProtectionKey
{
    public long Id { get; set; }
    public string FriendlyName { get; set; } = "";
    public string Xml { get; set; } = "";
}
