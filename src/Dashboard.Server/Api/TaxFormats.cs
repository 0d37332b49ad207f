using System.Globalization;
using Dashboard.Core.Api;
using Dashboard.Core.Formatting;

namespace Dashboard.Server.Api;

/// <summary>
/// The income rows of a tax history in the generic import formats of common crypto tax tools (the column mapping is
/// on the methodology page). Principal movements are left out: they are the address's own METIS moving between its
/// wallet and the staking contracts, which the tools take from the wallet's own transactions.
/// </summary>
public static class TaxFormats
{
    public const string Koinly = "koinly";
    public const string CoinTracking = "cointracking";

    public static bool Known(string? format) => string.Equals(format, Koinly, StringComparison.OrdinalIgnoreCase) || string.Equals(format, CoinTracking, StringComparison.OrdinalIgnoreCase);

    public static Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult File(TaxHistory history, string name, string format)
    {
        var income = history.Events.Where(e => e.Income).ToList();
        return string.Equals(format, Koinly, StringComparison.OrdinalIgnoreCase)
            // Koinly's simple template: Koinly Date (YYYY-MM-DD HH:mm UTC), Amount (negative for sends), Currency, Label, Description, TxHash.
            ? CsvExport.File(income, $"{name}-koinly", "csv",
                new("Koinly Date", e => e.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)),
                new("Amount", e => MetisAmount.Exact(e.Amount)), new("Currency", _ => "METIS"), new("Label", _ => "staking"),
                new("Description", e => Describe(e)), new("TxHash", e => e.TxHash))
            // CoinTracking's CSV import: Type, Buy Amount, Buy Currency, Sell Amount, Sell Currency, Fee, Fee Currency, Exchange, Trade-Group, Comment, Date, Tx-ID.
            : CsvExport.File(income, $"{name}-cointracking", "csv",
                new("Type", _ => "Staking"), new("Buy Amount", e => MetisAmount.Exact(e.Amount)), new("Buy Currency", _ => "METIS"),
                new("Sell Amount", _ => null), new("Sell Currency", _ => null), new("Fee", _ => null), new("Fee Currency", _ => null),
                new("Exchange", _ => "Metis sequencer staking"), new("Trade-Group", e => e.SequencerId is { } id ? $"Sequencer {id}" : null), new("Comment", e => Describe(e)),
                new("Date", e => e.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), new("Tx-ID", e => e.TxHash));
    }

    private static string Describe(TaxEvent e) =>
        $"{e.Kind}: {e.Detail}" + (e.SequencerId is { } id ? $" (sequencer #{id}{(e.SequencerName is { } n ? " " + n : "")})" : "");
}
