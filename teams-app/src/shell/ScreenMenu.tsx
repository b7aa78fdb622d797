import {
  Menu,
  MenuButton,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
} from "@fluentui/react-components";
import { type Route, SCREEN_TITLES } from "../routes.ts";

/**
 * The menu of screens on a narrow window (instead of the list beside the
 * content). Its own chunk: Fluent's menu and positioning are not needed for
 * the first view on a wide window.
 */
export function ScreenMenu({
  screens,
  current,
  onChoose,
}: {
  screens: Array<Route["screen"]>;
  current: Route["screen"];
  onChoose: (screen: string) => void;
}) {
  return (
    <Menu
      checkedValues={{ skarm: [current] }}
      onCheckedValueChange={(_event, data) => {
        const chosen = data.checkedItems[0];
        if (chosen) onChoose(chosen);
      }}
    >
      <MenuTrigger disableButtonEnhancement>
        <MenuButton>Meny: {SCREEN_TITLES[current]}</MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {screens.map((screen) => (
            <MenuItemRadio key={screen} name="skarm" value={screen}>
              {SCREEN_TITLES[screen]}
            </MenuItemRadio>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
