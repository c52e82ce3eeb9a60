namespace Portal.Infrastructure.Settings;

/// <summary>
/// Options that say what is wrong with them. Each problem names the full key and what it takes, so a wrong or
/// contradictory setting stops start-up with a message an operator can act on, instead of a fault on the first
/// request that needs it.
/// </summary>
public interface ICheckedOptions
{
    IEnumerable<string> Problems();
}
