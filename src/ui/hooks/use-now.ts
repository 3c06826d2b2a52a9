import { useEffect, useState } from 'react';

/** The current time, ticking every `everyMs` (1 s by default): service timers and waiting times. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
