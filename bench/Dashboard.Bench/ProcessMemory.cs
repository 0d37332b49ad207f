using System.Globalization;

namespace Dashboard.Bench;

/// <summary>A process's peak resident memory, from /proc (VmHWM).</summary>
public static class ProcessMemory
{
    public static double PeakMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
