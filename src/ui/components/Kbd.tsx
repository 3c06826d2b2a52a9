/** The function key printed on a button, so the clerk learns the keys by using the mouse. */
export function Kbd({ children }: { children: string }) {
  return (
    <kbd
      style={{
        marginLeft: 6,
        padding: '0 4px',
        fontSize: 11,
        lineHeight: '16px',
        border: '1px solid currentColor',
        borderRadius: 3,
        fontFamily: 'inherit',
      }}
    >
      {children}
    </kbd>
  );
}
