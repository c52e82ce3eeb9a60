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

    /// <summary>A letter code of this start (made anew each time: only its hash is kept), with the postcode that opens it at /code.</summary>
    public LetterCodeLink? LetterCode { get; set; }

    public record LetterCodeLink(string CustomerName, string Code, string Postcode);
}
