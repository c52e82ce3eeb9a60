namespace Portal.Infrastructure.Demo;

/// <summary>
/// The demo pay links issued at this start-up, kept in memory only (the database holds just their hashes),
/// so the Development home page can link them.
/// </summary>
public class DemoLinks
{
    public record Link(string CustomerName, string Situation, string Path);

    public IReadOnlyList<Link> Links { get; set; } = [];
    public string? ApiKey { get; set; }
}
